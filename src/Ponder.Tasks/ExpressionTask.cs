using System.Text;

namespace Ponder.Tasks;

/// <summary>Multi-step arithmetic expressions with precedence and parentheses, e.g. "3 + 4 × (12 - 7)". The scratchpad
/// reduces one operation per line in precedence order (innermost parentheses, then ×, then + and - left to right) and
/// rewrites what is left. While more than one operation is left, each step first copies the expression with the
/// operation it works on in brackets ("16 + [18 × 6]"), so the rewrite after it replaces a marked span: unmarked, the
/// rewrite was the first false line in most failed expressions (three models' test items: numbers doubled, dropped,
/// or taken from the wrong operation, "leaving 108 + 108" for 16 + 18 × 6). Level = number of operators.</summary>
public sealed class ExpressionTask : ReasoningTask
{
    static readonly string[] TimesSymbols = ["×", "×", "*", "*", "x"];

    public override string Name => "arithmetic-expression";
    public override string Description => "expressions over + - × with parentheses, reduced in precedence order; level = number of operators";
    public override TaskLevels Levels { get; } = new(1, 4, 7);

    protected override ProblemDraft Create(int level, Random random)
    {
        var tree = ArithmeticExpression.Draw(random, level);
        var tokens = tree.Tokens();
        var verbosity = VerbosityDraw.Next(random);
        var times = Phrasing.Pick(random, TimesSymbols);
        var spaced = times == "x" || random.Next(3) > 0;
        var shown = Render(tokens, times, spaced);
        var question = random.Next(8) == 0
            ? Phrasing.Finish(random, $"What is the value of {shown}?")
            : Phrasing.AskFor(random, shown);
        return new ProblemDraft(string.Concat(tokens).Replace('×', '*'), question, tree.Value.ToString(), AnswerKind.Number,
            Solve(tokens, tree.Value, verbosity, random), verbosity);
    }

    static string Render(List<string> tokens, string times, bool spaced)
    {
        var s = new StringBuilder();
        foreach (var t in tokens)
        {
            var token = t == "×" ? times : t;
            // Parentheses and the brackets that mark a step hug their contents: "3 + (4 - [2 × 1])".
            if (spaced && s.Length > 0 && t is not (")" or "]") && s[^1] is not ('(' or '[')) s.Append(' ');
            s.Append(token);
        }
        return s.ToString();
    }

    static string Solve(List<string> start, int value, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var terse = verbosity == Verbosity.Terse;
        var text = Render(start, "×", !terse);
        if (verbosity == Verbosity.Elaborate)
            s.AppendLine($"We need the value of {text}. Order: parentheses first, then ×, then + and - from left to right.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Evaluate {text}: parentheses, then ×, then + and -.");
        else s.AppendLine(text);
        var tokens = new List<string>(start);
        var steps = 0;
        var recheck = verbosity == Verbosity.Elaborate ? random.Next(Math.Max(1, Operations(tokens))) : -1;
        while (tokens.Count > 1)
        {
            var (from, to) = InnermostGroup(tokens);
            if (to - from == 1 && from > 0 && tokens[from - 1] == "(")
            {
                tokens.RemoveAt(from + 1);
                tokens.RemoveAt(from - 1);
                continue;
            }
            var at = FirstOperator(tokens, from, to, "×");
            if (at < 0) at = FirstOperator(tokens, from, to, "+", "-");
            int x = int.Parse(tokens[at - 1]), y = int.Parse(tokens[at + 1]);
            var op = tokens[at];
            var result = op == "+" ? x + y : op == "-" ? x - y : x * y;
            var inParentheses = from > 0;
            if (Operations(tokens) > 1) s.AppendLine(Render(Marked(tokens, at), "×", !terse));
            tokens.RemoveRange(at - 1, 3);
            tokens.Insert(at - 1, result.ToString());
            Unwrap(tokens, at - 1);
            var rest = tokens.Count > 1 ? Render(tokens, "×", !terse) : "";
            foreach (var line in Work(x, op, y)) s.AppendLine(line);
            if (terse) s.AppendLine($"{x}{op}{y}={result}" + (rest.Length > 0 ? $" → {rest}" : ""));
            else
            {
                var why = verbosity == Verbosity.Elaborate
                    ? (inParentheses ? "Inside the parentheses: " : op == "×" ? "Multiplication first: " : "Left to right: ")
                    : "";
                s.AppendLine($"{why}{x} {op} {y} = {result}" + (rest.Length > 0 ? $", leaving {rest}" : "."));
            }
            if (steps++ == recheck && !(op == "×" && y == 0))
                s.AppendLine($"Double-check that step: {result} {Inverse(op)} {y} = {x}. Yes.");
        }
        if (tokens[0] != value.ToString()) throw new InvalidOperationException($"expression reduced to {tokens[0]}, expected {value}");
        if (!terse) s.Append($"So {text} = {value}.");
        else s.Length -= Environment.NewLine.Length;
        return s.ToString();
    }

    static int Operations(List<string> tokens) => tokens.Count(t => t is "+" or "-" or "×");

    /// <summary>The expression with the operation at <paramref name="at"/> and its operands in brackets.</summary>
    static List<string> Marked(List<string> tokens, int at) =>
        [.. tokens[..(at - 1)], "[", .. tokens[(at - 1)..(at + 2)], "]", .. tokens[(at + 2)..]];

    /// <summary>"(23)" becomes "23" in the same step, so no line is spent on dropping parentheses.</summary>
    internal static void Unwrap(List<string> tokens, int index)
    {
        if (index > 0 && index + 1 < tokens.Count && tokens[index - 1] == "(" && tokens[index + 1] == ")")
        {
            tokens.RemoveAt(index + 1);
            tokens.RemoveAt(index - 1);
        }
    }

    static string Inverse(string op) => op switch { "+" => "-", "-" => "+", _ => "÷" };

    /// <summary>Column work (<see cref="ColumnWork"/>) before a step with an operand of two or more digits: sums
    /// and differences by columns (a negative difference found and turned round by <see cref="ColumnWork.Difference"/>;
    /// "19 + 4" too, which column-trained models got wrong in one line), products by a one-digit factor digit by digit.
    /// Nothing for one-digit steps.</summary>
    static IEnumerable<string> Work(int x, string op, int y)
    {
        if (x < 0 || y < 0) return [];
        if (op == "×")
        {
            var (big, small) = x >= y ? (x, y) : (y, x);
            return big >= 10 && small is >= 2 and <= 9 ? [ColumnWork.TimesDigit(big, small)] : [];
        }
        if (x < 10 && y < 10) return [];
        if (op == "+") return ColumnWork.Add(x, y);
        return ColumnWork.Difference(x, y);
    }

    /// <summary>The innermost parenthesised group's contents as [from, to), or the whole expression.</summary>
    static (int From, int To) InnermostGroup(List<string> tokens)
    {
        var close = tokens.IndexOf(")");
        if (close < 0) return (0, tokens.Count);
        var open = tokens.LastIndexOf("(", close);
        return (open + 1, close);
    }

    static int FirstOperator(List<string> tokens, int from, int to, params string[] ops)
    {
        for (var i = from; i < to; i++) if (ops.Contains(tokens[i])) return i;
        return -1;
    }
}
