using System.Text;

namespace Ponder.Tasks;

/// <summary>Long multiplication: one partial product per digit of the multiplier, each worked digit by digit
/// (<see cref="ColumnWork.TimesDigit"/>), each shifted row added to the running total by columns as it comes.
/// Level = digits of the longer operand; the hardest trained level is 4 × 4 digits.</summary>
public sealed class MultiplicationTask : ReasoningTask
{
    static readonly string[] Symbols = ["×", "×", "*", "*", "x", "times"];

    public override string Name => "multiplication";
    public override string Description => "a × b, long multiplication by partial products; level = digits of the longer operand";
    public override TaskLevels Levels { get; } = new(1, 4, 6);

    protected override ProblemDraft Create(int level, Random random)
    {
        var a = PlaceNames.WithDigits(random, level);
        var b = PlaceNames.WithDigits(random, random.Next(10) < 6 ? level : random.Next(1, level + 1));
        if (random.Next(2) == 0) (a, b) = (b, a);
        var verbosity = VerbosityDraw.Next(random);
        return new ProblemDraft($"{a}*{b}", Ask(random, a, b), (a * b).ToString(), AnswerKind.Number,
            Solve(a, b, verbosity, random), verbosity);
    }

    static string Ask(Random random, long a, long b) => random.Next(6) switch
    {
        0 => Phrasing.Finish(random, Phrasing.Pick(random, new[] {
            $"What is the product of {a} and {b}?", $"Multiply {a} by {b}.", $"What is {a} multiplied by {b}?",
            $"what's {a} times {b}" })),
        _ => Phrasing.AskFor(random, Phrasing.Infix(random, a.ToString(), b.ToString(), Symbols)),
    };

    public static string Solve(long a, long b, Verbosity verbosity, Random random)
    {
        var s = new StringBuilder();
        var product = a * b;
        var terse = verbosity == Verbosity.Terse;
        // The shorter number is the multiplier: fewer partial products to add.
        if (PlaceNames.Length(b) > PlaceNames.Length(a)) (a, b) = (b, a);
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {a} × {b}: multiply by each digit of {b}, then add.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Long multiplication {a} × {b}.");
        else s.AppendLine($"{a}×{b}");
        var multiplierDigits = PlaceNames.Length(b);
        var recheck = verbosity == Verbosity.Elaborate ? random.Next(multiplierDigits) : -1;
        var total = 0L;
        for (var place = 0; place < multiplierDigits; place++)
        {
            var digit = PlaceNames.Digit(b, place);
            var partial = a * digit;
            var scale = (long)Math.Pow(10, place);
            var line = digit <= 1 || a < 10 ? $"{a}×{digit}: {partial}" : ColumnWork.TimesDigit(a, digit);
            s.AppendLine(place > 0 && partial != 0 ? $"{line}, shift → {partial * scale}" : line);
            if (place == recheck && digit > 1 && a >= 10)
                s.AppendLine($"Re-check: {PlaceNames.Digit(a, 0)}×{digit} = {PlaceNames.Digit(a, 0) * digit}. Yes.");
            if (place > 0 && partial != 0) AddRow(s, total, partial, place, scale, terse);
            total += partial * scale;
        }
        if (terse) s.Append($"={product}");
        else
        {
            s.AppendLine($"So {a} × {b} = {product}.");
            if (verbosity == Verbosity.Elaborate)
                s.Append(a == 0 || b == 0 ? "Check: anything times 0 is 0. Correct."
                    : multiplierDigits > 1
                    ? $"Check: about {Round(a)} × {Round(b)} = {Round(a) * Round(b)}, close to {product}; last digit {a % 10}×{b % 10} → {a % 10 * (b % 10) % 10}. Correct."
                    : $"Check: {product} ÷ {b} = {a}. Correct.");
            else s.Length -= Environment.NewLine.Length;
        }
        return s.ToString();
    }

    /// <summary>Adds a shifted partial product to the running total: the total's last <paramref name="shift"/> digits
    /// stay as they are (the row has zeros there), the rest is column addition.</summary>
    static void AddRow(StringBuilder s, long total, long partial, int shift, long scale, bool terse)
    {
        var kept = (total % scale).ToString().PadLeft(shift, '0');
        s.AppendLine(terse
            ? $"{total}+{partial * scale}: keep {kept}"
            : $"Add: {total} + {partial * scale}; the last {shift} digit{(shift > 1 ? "s" : "")} {kept} stay.");
        if (total / scale == 0) { s.AppendLine($"→ {partial}{kept}"); return; }
        foreach (var line in ColumnWork.Add(total / scale, partial, kept)) s.AppendLine(line);
    }

    static long Round(long value)
    {
        var scale = (long)Math.Pow(10, PlaceNames.Length(value) - 1);
        return (value + scale / 2) / scale * scale;
    }
}
