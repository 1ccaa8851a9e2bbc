using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ponder.Reasoning.Answers;

/// <summary>Finds the final answer in a model's answer text and reduces it to a key that equal answers share.
/// Extraction, in order: the last \boxed{…}; the last line introduced by an answer marker ("Answer:", "The answer is");
/// the last non-empty line. Normalisation: numbers become exact reduced fractions ("0.50", "1/2", "\frac{2}{4}" → "1/2";
/// "1,000" and "1000.0" → "1000"); other text is lower-cased, Markdown emphasis and outer punctuation and articles removed,
/// whitespace collapsed. Two answers agree when their keys are equal.</summary>
public static partial class AnswerNormalizer
{
    public static string Extract(string text, IReadOnlyList<string>? markers = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        if (LastBoxed(text) is { } boxed) return boxed.Trim();
        markers ??= Profiles.ModelProfile.DefaultAnswerMarkers;
        var best = -1;
        var found = "";
        foreach (var marker in markers)
        {
            var at = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0 || at < best) continue;
            var rest = text[(at + marker.Length)..];
            var end = rest.IndexOf('\n');
            var line = (end >= 0 ? rest[..end] : rest).Trim().TrimStart(':').Trim();
            if (line.Length == 0) continue;
            best = at;
            found = line;
        }
        if (best >= 0) return found;
        return text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
    }

    public static string Normalize(string answer)
    {
        var s = answer.Trim();
        s = s.Replace("**", "").Replace("__", "").Replace("$", "").Trim();
        if (LastBoxed(s) is { } boxed) s = boxed.Trim();
        s = s.TrimEnd('.', '!', ';', ',').Trim();
        if (Number(s) is { } n) return n;
        // Free text
        s = s.ToLowerInvariant();
        s = Regex.Replace(s, @"\s+", " ");
        s = s.Trim(' ', '.', ',', ';', ':', '!', '?', '"', '\'', '`', '(', ')');
        s = Regex.Replace(s, @"^(the|a|an) ", "");
        return s;
    }

    /// <summary>Extract, then normalise.</summary>
    public static string Key(string text, IReadOnlyList<string>? markers = null) => Normalize(Extract(text, markers));

    /// <summary>An exact number ("−12", "3.50", "1,234", "7/14", "\frac{1}{2}", "50%" stays text) as a reduced fraction "p/q" or integer "p"; null if not a number.</summary>
    static string? Number(string s)
    {
        var frac = FracPattern().Match(s);
        if (frac.Success) s = $"{frac.Groups[1].Value}/{frac.Groups[2].Value}";
        s = s.Replace('−', '-').Replace(" ", "");
        if (ThousandsPattern().IsMatch(s)) s = s.Replace(",", "");
        var parts = s.Split('/');
        if (parts.Length > 2) return null;
        if (Decimal(parts[0]) is not var (p, q)) return null;
        if (parts.Length == 2)
        {
            if (Decimal(parts[1]) is not var (p2, q2) || p2.IsZero) return null;
            (p, q) = (p * q2, q * p2);
        }
        if (q.Sign < 0) (p, q) = (-p, -q);
        var g = BigInteger.GreatestCommonDivisor(p, q);
        if (!g.IsZero) (p, q) = (p / g, q / g);
        return q.IsOne ? p.ToString(CultureInfo.InvariantCulture) : $"{p}/{q}";
    }

    static (BigInteger P, BigInteger Q)? Decimal(string s)
    {
        var m = DecimalPattern().Match(s);
        if (!m.Success || m.Groups[2].Length + m.Groups[3].Length == 0) return null; // no digits at all
        var whole = m.Groups[2].Value;
        var fraction = m.Groups[3].Value;
        var digits = (whole.Length == 0 ? "0" : whole) + fraction;
        var p = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (m.Groups[1].Value == "-") p = -p;
        return (p, BigInteger.Pow(10, fraction.Length));
    }

    /// <summary>The content of the last \boxed{…}, braces balanced; null if there is none.</summary>
    static string? LastBoxed(string text)
    {
        var at = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        if (at < 0) return null;
        var depth = 0;
        var content = new StringBuilder();
        for (var i = at + "\\boxed{".Length - 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && depth++ == 0) continue;
            if (c == '}' && --depth == 0) return content.ToString();
            content.Append(c);
        }
        return null; // unbalanced: not a usable box
    }

    [GeneratedRegex(@"^\\d?frac\{([^{}]+)\}\{([^{}]+)\}$")]
    private static partial Regex FracPattern();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsPattern();

    [GeneratedRegex(@"^([+-]?)(\d*)(?:\.(\d*))?$")]
    private static partial Regex DecimalPattern();
}
