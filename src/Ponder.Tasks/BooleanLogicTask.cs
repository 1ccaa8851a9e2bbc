using System.Text;

namespace Ponder.Tasks;

/// <summary>Boolean logic evaluation, e.g. "Is (true or false) and not true true or false?". The scratchpad applies one
/// operator per line: innermost parentheses, then not, then and, then or, left to right. Level = number of and/or operators.</summary>
public sealed class BooleanLogicTask : ReasoningTask
{
    static readonly string[] Templates =
    [
        "What is {0}?", "Evaluate: {0}", "evaluate {0}", "Is {0} true or false?", "{0} = ?", "{0}", "Simplify {0}.",
        "What does {0} evaluate to?", "Is the following true or false? {0}", "What's the value of {0}?",
    ];

    public override string Name => "boolean-logic";
    public override string Description => "true/false expressions with and, or, not and parentheses; level = number of and/or operators";
    public override TaskLevels Levels { get; } = new(1, 3, 6);

    protected override ProblemDraft Create(int level, Random random)
    {
        var tree = BooleanExpression.Draw(random, level);
        var tokens = tree.Tokens();
        var verbosity = VerbosityDraw.Next(random);
        var question = Phrasing.Finish(random, string.Format(Phrasing.Pick(random, Templates), Styled(tokens, random.Next(4))));
        var answer = tree.Value ? "true" : "false";
        return new ProblemDraft(string.Join(" ", tokens), question, answer, AnswerKind.Boolean,
            Solve(tokens, answer, verbosity, random), verbosity);
    }

    /// <summary>0: "true and not false"; 1: "True and not False"; 2: "TRUE AND NOT FALSE"; 3: "true && !false".</summary>
    static string Styled(List<string> tokens, int style)
    {
        var words = tokens.Select(t => style switch
        {
            1 => t is "true" or "false" ? char.ToUpperInvariant(t[0]) + t[1..] : t,
            2 => t.ToUpperInvariant(),
            3 => t switch { "and" => "&&", "or" => "||", "not" => "!", _ => t },
            _ => t,
        });
        return Join(words.ToList(), style == 3);
    }

    static string Join(List<string> tokens, bool symbolNot = false)
    {
        var s = new StringBuilder();
        foreach (var t in tokens)
        {
            if (s.Length > 0 && t != ")" && s[^1] != '(' && !(symbolNot && s[^1] == '!')) s.Append(' ');
            s.Append(t);
        }
        return s.ToString();
    }

    static string Solve(List<string> start, string answer, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var terse = verbosity == Verbosity.Terse;
        var text = Join(start);
        if (verbosity == Verbosity.Elaborate)
            s.AppendLine($"We need the truth value of {text}. Order: parentheses first, then not, then and, then or.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Evaluate {text}: parentheses, not, and, or.");
        else s.AppendLine(text);
        var tokens = new List<string>(start);
        var recheck = verbosity == Verbosity.Elaborate ? random.Next(Math.Max(1, tokens.Count(t => t is "and" or "or" or "not"))) : -1;
        var steps = 0;
        while (tokens.Count > 1)
        {
            var close = tokens.IndexOf(")");
            var (from, to) = close < 0 ? (0, tokens.Count) : (tokens.LastIndexOf("(", close) + 1, close);
            if (to - from == 1 && from > 0)
            {
                tokens.RemoveAt(from + 1);
                tokens.RemoveAt(from - 1);
                continue;
            }
            string step;
            bool result;
            var not = Find(tokens, from, to, i => tokens[i] == "not" && tokens[i + 1] is "true" or "false");
            if (not >= 0)
            {
                result = tokens[not + 1] != "true";
                step = $"not {tokens[not + 1]}";
                tokens.RemoveRange(not, 2);
                tokens.Insert(not, Word(result));
                ExpressionTask.Unwrap(tokens, not);
            }
            else
            {
                var at = Find(tokens, from, to, i => tokens[i] == "and");
                if (at < 0) at = Find(tokens, from, to, i => tokens[i] == "or");
                bool x = tokens[at - 1] == "true", y = tokens[at + 1] == "true";
                result = tokens[at] == "and" ? x && y : x || y;
                step = $"{tokens[at - 1]} {tokens[at]} {tokens[at + 1]}";
                tokens.RemoveRange(at - 1, 3);
                tokens.Insert(at - 1, Word(result));
                ExpressionTask.Unwrap(tokens, at - 1);
            }
            var rest = tokens.Count > 1 ? Join(tokens) : "";
            s.AppendLine(terse
                ? $"{step} = {Word(result)}" + (rest.Length > 0 ? $" → {rest}" : "")
                : $"{step} is {Word(result)}" + (rest.Length > 0 ? $", leaving {rest}" : "."));
            if (steps++ == recheck)
                s.AppendLine(step.StartsWith("not", StringComparison.Ordinal)
                    ? $"Re-check: not flips the value, so {step} is {Word(result)}. Yes."
                    : $"Re-check: {(step.Contains(" and ", StringComparison.Ordinal) ? "and needs both true" : "or needs at least one true")}, so {step} is {Word(result)}. Yes.");
        }
        if (tokens[0] != answer) throw new InvalidOperationException($"boolean expression reduced to {tokens[0]}, expected {answer}");
        if (!terse) s.Append($"So the expression is {answer}.");
        else s.Length -= Environment.NewLine.Length;
        return s.ToString();
    }

    static string Word(bool value) => value ? "true" : "false";

    static int Find(List<string> tokens, int from, int to, Func<int, bool> match)
    {
        for (var i = from; i < to; i++) if (match(i)) return i;
        return -1;
    }
}
