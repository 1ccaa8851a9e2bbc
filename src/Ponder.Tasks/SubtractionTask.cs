using System.Text;

namespace Ponder.Tasks;

/// <summary>Multi-digit subtraction by columns with explicit borrows; about one problem in five has a negative result
/// (the scratchpad finds it by a borrow out of the top column, subtracts the other way round and negates). Level =
/// digits of the longer operand.</summary>
public sealed class SubtractionTask : ReasoningTask
{
    static readonly string[] Symbols = ["-", "-", "-", "minus", "−"];

    public override string Name => "subtraction";
    public override string Description => "a - b, column subtraction with borrows, sometimes negative; level = digits of the longer operand";
    public override TaskLevels Levels { get; } = new(1, 6, 9);

    protected override ProblemDraft Create(int level, Random random)
    {
        var a = PlaceNames.WithDigits(random, level);
        var b = PlaceNames.WithDigits(random, random.Next(10) < 6 ? level : random.Next(1, level + 1));
        var negative = random.Next(5) == 0;
        if ((a < b) != negative) (a, b) = (b, a);
        var verbosity = VerbosityDraw.Next(random);
        return new ProblemDraft($"{a}-{b}", Ask(random, a, b), (a - b).ToString(), AnswerKind.Number,
            Solve(a, b, verbosity, random), verbosity);
    }

    static string Ask(Random random, long a, long b) => random.Next(6) switch
    {
        0 => Phrasing.Finish(random, Phrasing.Pick(random, new[] {
            $"Subtract {b} from {a}.", $"What is {a} take away {b}?", $"What do you get if you take {b} from {a}?",
            $"How much is {a} less {b}?" })),
        _ => Phrasing.AskFor(random, Phrasing.Infix(random, a.ToString(), b.ToString(), Symbols)),
    };

    /// <summary>The column-subtraction scratchpad (<see cref="ColumnWork.Difference"/>) at a verbosity. A negative
    /// difference is found as ColumnWork finds it, by a borrow out of the top column (or a shorter top), and worked
    /// the other way round.</summary>
    public static string Solve(long a, long b, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var difference = a - b;
        var terse = verbosity == Verbosity.Terse;
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {a} - {b}. Subtract by columns from the right, borrowing when needed.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Subtract {a} - {b} column by column.");
        // A column line, named by its place unless terse; the leading-zeros line after the columns has no place.
        string Column(string line, int place, int columns) =>
            terse || place >= columns ? line : $"{PlaceNames.Of(place)}: {line}";
        var (top, bottom) = (a, b);
        if (a < b)
        {
            (top, bottom) = (b, a);
            var shorter = ColumnWork.IsShorter(a, b);
            if (!shorter)
            {
                var trial = ColumnWork.Subtract(a, b);
                for (var place = 0; place < trial.Count; place++) s.AppendLine(Column(trial[place], place, trial.Count));
            }
            var why = shorter ? $"{b} has more digits" : "The top column still borrows";
            s.AppendLine(terse ? ColumnWork.Negated(a, b)
                : $"{why}, so {a} < {b} and the result is negative: {a} - {b} = -({b} - {a}).");
        }
        var lines = ColumnWork.Subtract(top, bottom);
        var columns = PlaceNames.Length(top);
        var recheck = verbosity == Verbosity.Elaborate && columns > 1 ? random.Next(columns) : -1;
        var borrow = 0;
        for (var place = 0; place < lines.Count; place++)
        {
            s.AppendLine(Column(lines[place], place, columns));
            if (place >= columns) continue;
            int x = PlaceNames.Digit(top, place), y = PlaceNames.Digit(bottom, place);
            var result = ((x - y - borrow) % 10 + 10) % 10;
            if (place == recheck)
                s.AppendLine($"Re-check: {result} + {y}{(borrow > 0 ? " + 1" : "")} = {result + y + borrow}, ends in {x}. Yes.");
            borrow = x - y - borrow < 0 ? 1 : 0;
        }
        var magnitude = top - bottom;
        if (terse) s.Append(a < b ? $"=-{magnitude}" : $"={difference}");
        else
        {
            s.AppendLine(a < b ? $"So {b} - {a} = {magnitude}, and {a} - {b} = {difference}." : $"So {a} - {b} = {difference}.");
            s.Append(verbosity == Verbosity.Elaborate
                ? $"Check by adding back: {difference} + {b} = {a}. Correct."
                : $"Check: {difference} + {b} = {a}.");
        }
        return s.ToString();
    }
}
