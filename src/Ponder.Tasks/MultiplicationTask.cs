using System.Text;

namespace Ponder.Tasks;

/// <summary>Long multiplication: one partial product per digit of the multiplier, each worked digit by digit
/// ("3×7+5=26": write 6, carry 2), then the shifted partial products added column by column.
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
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {a} × {b}: multiply by each digit of {b}, then add.");
        else if (verbosity == Verbosity.Normal) s.AppendLine($"Long multiplication {a} × {b}.");
        else s.AppendLine($"{a}×{b}");
        var multiplierDigits = PlaceNames.Length(b);
        var partials = new List<(long Value, int Shift)>();
        var recheck = verbosity == Verbosity.Elaborate ? random.Next(multiplierDigits) : -1;
        for (var place = 0; place < multiplierDigits; place++)
        {
            var digit = PlaceNames.Digit(b, place);
            var shift = (long)Math.Pow(10, place);
            var partial = a * digit;
            partials.Add((partial, place));
            var label = place == 0 ? $"{a}×{digit}" : $"{a}×{digit}{new string('0', place)}";
            var line = new StringBuilder(label + ": ");
            if (digit <= 1 || a < 10) line.Append($"{partial}");
            else line.Append(DigitSteps(a, digit) + $" → {partial}");
            if (place > 0 && partial != 0) line.Append($" → {partial * shift}");
            s.AppendLine(line.ToString());
            if (place == recheck && digit > 1 && a >= 10)
                s.AppendLine($"Re-check: {PlaceNames.Digit(a, 0)}×{digit} = {PlaceNames.Digit(a, 0) * digit}. Yes.");
        }
        if (multiplierDigits > 1)
        {
            s.AppendLine(terse ? "add:" : "Add the partial products by columns:");
            AddColumns(s, partials, terse);
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

    /// <summary>"8×7=56 3×7+5=26 …": each multiplicand digit times one multiplier digit plus the carry.</summary>
    static string DigitSteps(long a, int digit)
    {
        var steps = new List<string>();
        var carry = 0;
        for (var place = 0; place < PlaceNames.Length(a); place++)
        {
            var x = PlaceNames.Digit(a, place);
            var value = x * digit + carry;
            steps.Add(carry > 0 ? $"{x}×{digit}+{carry}={value}" : $"{x}×{digit}={value}");
            carry = value / 10;
        }
        return string.Join(" ", steps);
    }

    static void AddColumns(StringBuilder s, List<(long Value, int Shift)> rows, bool terse)
    {
        var total = rows.Sum(r => r.Value * (long)Math.Pow(10, r.Shift));
        var columns = PlaceNames.Length(total);
        var carry = 0L;
        for (var place = 0; place < columns; place++)
        {
            // Only rows long enough to reach this column contribute; the shifted zeros below each row are left out.
            var terms = rows.Where(r => r.Value != 0 && place >= r.Shift && place < r.Shift + PlaceNames.Length(r.Value))
                .Select(r => (long)PlaceNames.Digit(r.Value, place - r.Shift)).ToList();
            if (carry > 0) terms.Add(carry);
            var sum = terms.Sum();
            var body = terms.Count > 1 ? $"{string.Join("+", terms)}={sum}" : $"{sum}";
            var last = place == columns - 1;
            s.AppendLine(body + (!last && sum >= 10 ? $" c{sum / 10}" : ""));
            carry = sum / 10;
        }
    }

    static long Round(long value)
    {
        var scale = (long)Math.Pow(10, PlaceNames.Length(value) - 1);
        return (value + scale / 2) / scale * scale;
    }
}
