using System.Text;

namespace Ponder.Tasks;

/// <summary>Multi-digit subtraction by columns with explicit borrows; about one problem in five has a negative result
/// (the scratchpad subtracts the other way round and negates). Level = digits of the longer operand.</summary>
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

    public static string Solve(long a, long b, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var difference = a - b;
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {a} - {b}. Subtract by columns from the right, borrowing when needed.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Subtract {a} - {b} column by column.");
        else s.AppendLine($"{a}-{b}");
        var (top, bottom) = (a, b);
        if (a < b)
        {
            (top, bottom) = (b, a);
            s.AppendLine(verbosity == Verbosity.Terse
                ? $"{b}>{a}: do {b}-{a}, negate"
                : $"{b} > {a}, so compute {b} - {a} and negate.");
        }
        var columns = PlaceNames.Length(top);
        var recheck = verbosity == Verbosity.Elaborate && columns > 1 ? random.Next(columns) : -1;
        var borrow = 0;
        var digits = new StringBuilder();
        for (var place = 0; place < columns; place++)
        {
            int x = PlaceNames.Digit(top, place), y = PlaceNames.Digit(bottom, place);
            var available = x - borrow;
            var needBorrow = available < y;
            var result = (needBorrow ? available + 10 : available) - y;
            digits.Insert(0, result);
            var lent = borrow > 0 ? (verbosity == Verbosity.Terse ? $"{x}-1={available} " : $"{x} - 1 = {available}; ") : "";
            if (verbosity == Verbosity.Terse)
                s.AppendLine(lent + (needBorrow ? $"{available + 10}-{y}={result} b1" : $"{available}-{y}={result}"));
            else
                s.AppendLine($"{PlaceNames.Of(place)}: " + lent + (needBorrow
                    ? $"{available} < {y}, borrow: {available + 10} - {y} = {result}, write {result}"
                    : $"{available} - {y} = {result}, write {result}"));
            if (place == recheck)
                s.AppendLine($"Re-check: {result} + {y} = {result + y}. Yes.");
            borrow = needBorrow ? 1 : 0;
        }
        var magnitude = top - bottom;
        if (digits.ToString() != magnitude.ToString())
            s.AppendLine(verbosity == Verbosity.Terse ? $"{digits}={magnitude}" : $"Digits {digits}, dropping leading zeros: {magnitude}.");
        if (verbosity == Verbosity.Terse) s.Append($"={difference}");
        else
        {
            s.AppendLine($"So {a} - {b} = {difference}.");
            s.Append(verbosity == Verbosity.Elaborate
                ? $"Check by adding back: {difference} + {b} = {a}. Correct."
                : $"Check: {difference} + {b} = {a}.");
        }
        return s.ToString();
    }
}
