using System.Text;

namespace Ponder.Tasks;

/// <summary>Long multiplication: one partial product per digit of the multiplier, each worked digit by digit
/// (<see cref="ColumnWork.TimesDigit"/>). Rows go through the multiplier from the left, and each is added to ten times
/// the product so far ("3031×28 = 60620 + 24248"), so every addition keeps exactly the row's last digit: the shifted
/// rows this replaced made the model count how many digits stay, which it got wrong at four digits.
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
        var terse = verbosity == Verbosity.Terse;
        // The shorter number is the multiplier: fewer partial products to add. A swap is written as an equation
        // ("7 × 4181 = 4181 × 7"): unwritten, a model copied the question's order and multiplied by the longer number.
        var x = terse ? "×" : " × ";
        var asked = $"{a}{x}{b}";
        if (PlaceNames.Length(b) > PlaceNames.Length(a)) (a, b) = (b, a);
        var product = a * b;
        var opening = asked == $"{a}{x}{b}" ? asked : $"{asked}{(terse ? "=" : " = ")}{a}{x}{b}";
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {opening}: multiply by each digit of {b}, then add.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Long multiplication {opening}.");
        else s.AppendLine(opening);
        var multiplier = b.ToString();
        var multiplierDigits = multiplier.Length;
        if (multiplierDigits > 1)
        {
            var listed = string.Join(", ", multiplier.ToCharArray());
            s.AppendLine(terse ? $"digits {listed}" : $"Digits of {b} from the left: {listed}.");
        }
        var recheck = verbosity == Verbosity.Elaborate ? random.Next(multiplierDigits) : -1;
        var total = 0L;
        for (var row = 0; row < multiplierDigits; row++)
        {
            var digit = multiplier[row] - '0';
            var partial = a * digit;
            s.AppendLine(digit <= 1 || a < 10 ? $"{a}×{digit}: {partial}" : ColumnWork.TimesDigit(a, digit));
            if (row == recheck && digit > 1 && a >= 10)
                s.AppendLine($"Re-check: {PlaceNames.Digit(a, 0)}×{digit} = {PlaceNames.Digit(a, 0) * digit}. Yes.");
            if (row > 0 && total != 0) AddRow(s, a, multiplier[..(row + 1)], total, partial, terse);
            total = total * 10 + partial;
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

    /// <summary>Adds a row to ten times the product so far, a × the multiplier's first digits ("3031×28 = 60620 +
    /// 24248"): the sum's last digit is the row's, the rest is column addition of the total and the row without it.</summary>
    static void AddRow(StringBuilder s, long a, string prefix, long total, long partial, bool terse)
    {
        var sum = $"{a}×{prefix}{(terse ? "=" : " = ")}{total * 10}{(terse ? "+" : " + ")}{partial}";
        if (partial == 0) { s.AppendLine($"{sum} → {total * 10}"); return; }
        var kept = (partial % 10).ToString();
        s.AppendLine(terse ? $"{sum}: keep {kept}" : $"{sum}; the last digit {kept} stays.");
        if (partial < 10) { s.AppendLine($"→ {total}{kept}"); return; }
        foreach (var line in ColumnWork.Add(total, partial / 10, kept, restInOneLine: true)) s.AppendLine(line);
    }

    static long Round(long value)
    {
        var scale = (long)Math.Pow(10, PlaceNames.Length(value) - 1);
        return (value + scale / 2) / scale * scale;
    }
}
