using System.Numerics;
using System.Text.RegularExpressions;

namespace Ponder.Tasks;

/// <summary>Finds the final answer in a reply and normalises it, for every <see cref="AnswerKind"/>.
/// Where to look, in order: after the last &lt;/think&gt; (a reply still inside &lt;think&gt; has no answer);
/// the last \boxed{…}; after the last "answer is" / "Answer:"; otherwise the end of the reply (the last number,
/// never an earlier one). Numbers: commas between digit groups, a leading $, trailing periods and a unicode minus are
/// accepted; decimals and fractions are compared exactly as rationals, so "9360", "936.5" and "93" never match "936".</summary>
public static partial class AnswerExtractor
{
    [GeneratedRegex(@"(?<![\w.])(?<sign>[-−])?\$?(?<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?<frac>\d+))?(?:/(?<den>\d+))?(?![\w])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\\boxed\{(?<content>[^{}]*)\}")]
    private static partial Regex BoxedPattern();

    [GeneratedRegex(@"(?i)\banswer\s*(?:is\s*)?(?:[:=]\s*)?")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"(?i)\b(true|false|yes|no)\b")]
    private static partial Regex BooleanPattern();

    /// <summary>The normalised answer, or null when the reply gives none of this kind.</summary>
    public static string? Extract(string reply, AnswerKind kind)
    {
        var text = AfterThinking(reply);
        if (text is null) return null;
        var (segment, marked) = Locate(text);
        return kind switch
        {
            AnswerKind.Number => ExtractNumber(segment, marked),
            AnswerKind.NumberList => ExtractList(marked ? FirstLine(segment) : LastLine(segment)),
            AnswerKind.Boolean => ExtractBoolean(segment, marked),
            AnswerKind.Text => ExtractText(marked ? FirstLine(segment) : LastLine(segment)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown answer kind"),
        };
    }

    /// <summary>Whether an extracted answer equals the canonical one (both are normalised first).</summary>
    public static bool Matches(string extracted, string expected, AnswerKind kind) => kind switch
    {
        AnswerKind.Number => NormaliseNumber(extracted) is { } a && a == NormaliseNumber(expected),
        AnswerKind.NumberList => ExtractList(extracted) is { } a && a == ExtractList(expected),
        AnswerKind.Boolean => ExtractBoolean(extracted, true) is { } a && a == ExtractBoolean(expected, true),
        _ => string.Equals(ExtractText(extracted), ExtractText(expected), StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>A number's canonical text ("1,234.50" → "1234.5", "6/8" → "3/4", "−0" → "0"), or null if the text holds none.</summary>
    public static string? NormaliseNumber(string text)
    {
        var match = NumberPattern().Match(text);
        return match.Success ? Canonical(match) : null;
    }

    static string? AfterThinking(string reply)
    {
        var close = reply.LastIndexOf("</think>", StringComparison.Ordinal);
        if (close >= 0) return reply[(close + "</think>".Length)..];
        return reply.Contains("<think>", StringComparison.Ordinal) ? null : reply;
    }

    static (string Segment, bool Marked) Locate(string text)
    {
        var boxed = BoxedPattern().Matches(text);
        if (boxed.Count > 0) return (boxed[^1].Groups["content"].Value, true);
        var markers = MarkerPattern().Matches(text);
        if (markers.Count > 0)
        {
            var last = markers[^1];
            var rest = text[(last.Index + last.Length)..];
            if (!string.IsNullOrWhiteSpace(rest)) return (rest, true);
        }
        return (text, false);
    }

    static string? ExtractNumber(string segment, bool marked)
    {
        var matches = NumberPattern().Matches(segment);
        if (matches.Count == 0) return null;
        return Canonical(marked ? matches[0] : matches[^1]);
    }

    static string? ExtractList(string segment)
    {
        var numbers = NumberPattern().Matches(segment).Select(Canonical).ToList();
        return numbers.Count == 0 ? null : string.Join(", ", numbers);
    }

    static string? ExtractBoolean(string segment, bool marked)
    {
        var matches = BooleanPattern().Matches(segment);
        if (matches.Count == 0) return null;
        var word = (marked ? matches[0] : matches[^1]).Value.ToLowerInvariant();
        return word is "true" or "yes" ? "true" : "false";
    }

    static string? ExtractText(string segment)
    {
        var text = segment.Trim().TrimEnd('.', '!').Trim();
        return text.Length == 0 ? null : text;
    }

    static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    static string LastLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";

    static string Canonical(Match match)
    {
        var digits = match.Groups["int"].Value.Replace(",", "") + match.Groups["frac"].Value;
        var numerator = BigInteger.Parse(digits);
        var denominator = BigInteger.Pow(10, match.Groups["frac"].Value.Length);
        if (match.Groups["den"].Success) denominator *= BigInteger.Parse(match.Groups["den"].Value);
        if (denominator.IsZero) return match.Value;
        if (match.Groups["sign"].Success) numerator = -numerator;
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero) { numerator /= gcd; denominator /= gcd; }
        return Format(numerator, denominator);
    }

    static string Format(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsOne) return numerator.ToString();
        // A terminating decimal (denominator 2^a·5^b) is written as one; anything else stays a fraction.
        var rest = denominator;
        int twos = 0, fives = 0;
        while (rest % 2 == 0) { rest /= 2; twos++; }
        while (rest % 5 == 0) { rest /= 5; fives++; }
        if (!rest.IsOne) return $"{numerator}/{denominator}";
        var places = Math.Max(twos, fives);
        var scaled = BigInteger.Abs(numerator) * BigInteger.Pow(10, places) / denominator;
        var text = scaled.ToString().PadLeft(places + 1, '0');
        var sign = numerator.Sign < 0 ? "-" : "";
        return $"{sign}{text[..^places]}.{text[^places..]}";
    }
}
