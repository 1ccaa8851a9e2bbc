using System.Text;

namespace Ponder.Tasks;

/// <summary>Multi-digit addition by columns with explicit carries (<see cref="ColumnWork"/>). Level = digits of the longer operand.</summary>
public sealed class AdditionTask : ReasoningTask
{
    static readonly string[] Symbols = ["+", "+", "+", "plus"];

    public override string Name => "addition";
    public override string Description => "a + b, column addition with carries; level = digits of the longer operand";
    public override TaskLevels Levels { get; } = new(1, 6, 9);

    protected override ProblemDraft Create(int level, Random random)
    {
        var a = PlaceNames.WithDigits(random, level);
        var b = PlaceNames.WithDigits(random, random.Next(10) < 7 ? level : random.Next(1, level + 1));
        if (random.Next(2) == 0) (a, b) = (b, a);
        var verbosity = VerbosityDraw.Next(random);
        return new ProblemDraft($"{a}+{b}", Ask(random, a, b), (a + b).ToString(), AnswerKind.Number,
            Solve(a, b, verbosity, random), verbosity);
    }

    static string Ask(Random random, long a, long b) => random.Next(6) switch
    {
        0 => Phrasing.Finish(random, Phrasing.Pick(random, new[] {
            $"What is the sum of {a} and {b}?", $"Add {a} and {b}.", $"add {a} to {b}", $"What do {a} and {b} add up to?",
            $"Find the total of {a} and {b}." })),
        _ => Phrasing.AskFor(random, Phrasing.Infix(random, a.ToString(), b.ToString(), Symbols)),
    };

    /// <summary>The column-addition scratchpad (<see cref="ColumnWork.Add"/>) at a verbosity.</summary>
    public static string Solve(long a, long b, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var sum = a + b;
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {a} + {b}. Add by columns from the right, carrying as I go.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Add {a} + {b} column by column.");
        var lines = ColumnWork.Add(a, b);
        var recheck = verbosity == Verbosity.Elaborate && lines.Count > 1 ? random.Next(lines.Count) : -1;
        var carry = 0;
        for (var place = 0; place < lines.Count; place++)
        {
            s.AppendLine(verbosity == Verbosity.Terse ? lines[place] : $"{PlaceNames.Of(place)}: {lines[place]}");
            int x = PlaceNames.Digit(a, place), y = PlaceNames.Digit(b, place);
            if (place == recheck)
                s.AppendLine($"Let me double-check the {PlaceNames.Of(place)}: {x} + {y} is {x + y}" +
                             (carry > 0 ? $", plus the carried {carry} is {x + y + carry}" : "") + ". Yes.");
            carry = (x + y + carry) / 10;
        }
        if (verbosity == Verbosity.Terse) s.Append($"={sum}");
        else
        {
            s.AppendLine($"So {a} + {b} = {sum}.");
            s.Append(verbosity == Verbosity.Elaborate
                ? $"Check by subtracting: {sum} - {b} = {a}. Correct."
                : $"Check: {sum} - {b} = {a}.");
        }
        return s.ToString();
    }
}
