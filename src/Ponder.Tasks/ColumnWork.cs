namespace Ponder.Tasks;

/// <summary>The mechanical lines of column addition, subtraction, one-digit multiplication and halving, shared by every
/// task that works on multi-digit numbers. Each line restates what is left of the operands, so the digits it works on
/// are the last ones written just before it, and ends with the result so far, so the final answer is a copy of the
/// last line:
/// <code>
/// 8139+3912: 9+2=11 c1 → 1
/// 813+391: 3+1+1=5 → 51
/// 81+39: 1+9=10 c1 → 051
/// 8+3: 8+3+1=12 → 12051
/// </code>
/// A tiny model fails at fetching the n-th digit from the right and at reversing digits written ones-first; these
/// lines ask for neither.</summary>
public static class ColumnWork
{
    /// <summary>Lines adding two non-negative numbers; the last line ends with "→ {a + b}". <paramref name="kept"/>
    /// is a tail of digits already settled (long multiplication's row digit) that every result carries. With
    /// <paramref name="restInOneLine"/>, digits of a longer top left once the bottom and the carry are used up move
    /// into the result in one line ("192: stays → 19282283") rather than one line each. <paramref name="carryIn"/> is a
    /// carry out of columns worked before these (the cents of an amount of money).</summary>
    public static IReadOnlyList<string> Add(long a, long b, string kept = "", bool restInOneLine = false, int carryIn = 0)
    {
        var lines = new List<string>();
        string top = a.ToString(), bottom = b.ToString();
        var result = "";
        var carry = carryIn;
        while (top.Length > 0 || bottom.Length > 0)
        {
            if (restInOneLine && bottom.Length == 0 && carry == 0 && top.Length > 1)
            {
                lines.Add($"{top}: stays → {top}{result}{kept}");
                break;
            }
            int x = Last(top), y = Last(bottom);
            var total = x + y + carry;
            var last = top.Length <= 1 && bottom.Length <= 1;
            var operands = bottom.Length == 0 ? top : top.Length == 0 ? bottom : $"{top}+{bottom}";
            var terms = string.Join("+", new[] { top.Length > 0 ? $"{x}" : "", bottom.Length > 0 ? $"{y}" : "", carry > 0 ? "1" : "" }
                .Where(t => t.Length > 0));
            var work = terms.Contains('+') ? $"{terms}={total}" : terms;
            result = (last ? total.ToString() : (total % 10).ToString()) + result;
            lines.Add($"{operands}: {work}{(!last && total >= 10 ? " c1" : "")} → {result}{kept}");
            carry = total / 10;
            top = Drop(top);
            bottom = Drop(bottom);
        }
        return lines;
    }

    /// <summary>Lines subtracting <paramref name="bottom"/> from <paramref name="top"/>; the last line ends with
    /// "→ {top - bottom}", leading zeros dropped by a line of its own. A top smaller than a bottom of the same length is
    /// worked as given: its top column borrows out ("3-3-1<0, 13-3-1=9 b1 → 973" for 347 - 374), which is how
    /// <see cref="Difference"/> finds a negative difference. <paramref name="kept"/> and <paramref name="borrowIn"/>
    /// are as in <see cref="Add"/>: settled digits every result carries, a borrow owed to columns worked before.</summary>
    public static IReadOnlyList<string> Subtract(long top, long bottom, string kept = "", int borrowIn = 0)
    {
        if (top < bottom && IsShorter(top, bottom))
            throw new ArgumentException($"column subtraction needs top ≥ bottom or both of one length, got {top} - {bottom}");
        var lines = new List<string>();
        string a = top.ToString(), b = bottom.ToString();
        var result = "";
        var borrow = borrowIn;
        while (a.Length > 0)
        {
            int x = Last(a), y = Last(b);
            var terms = $"{x}" + (b.Length > 0 ? $"-{y}" : "") + (borrow > 0 ? "-1" : "");
            var value = x - y - borrow;
            var operands = b.Length > 0 ? $"{a}-{b}" : a;
            string work;
            if (value >= 0) work = terms.Contains('-') ? $"{terms}={value}" : terms;
            else work = $"{terms}<0, 1{terms}={value + 10} b1";
            borrow = value < 0 ? 1 : 0;
            result = ((value + 10) % 10).ToString() + result;
            lines.Add($"{operands}: {work} → {result}{kept}");
            a = Drop(a);
            b = Drop(b);
        }
        var trimmed = result.TrimStart('0');
        if (trimmed.Length == 0) trimmed = "0";
        if (trimmed != result) lines.Add($"{result}{kept} → {trimmed}{kept}");
        return lines;
    }

    /// <summary>Lines for a - b of either sign, the last ending with "→ {|a - b|}" (the caller writes the sign). The
    /// sign is read off column work, not decided before it: a top of the same length is worked as given, and a borrow out
    /// of its top column says it is the smaller ("b1 out, 347<374: 347-374=-(374-347)"), then the work turns round; a
    /// top with fewer digits turns round at once ("47 is longer, 3<47: 3-47=-(47-3)"). Decided before the columns, the
    /// order was wrong in 33 of 49 failed subtractions that stated one (a candidate that stated it in every subtraction),
    /// and a digit-by-digit reason for it collided with the top column's work (bench/RESULTS.md).</summary>
    public static IReadOnlyList<string> Difference(long a, long b)
    {
        if (a >= b) return Subtract(a, b);
        if (IsShorter(a, b)) return [Negated(a, b), .. Subtract(b, a)];
        return [.. Subtract(a, b), Negated(a, b), .. Subtract(b, a)];
    }

    /// <summary>The terse line that turns a negative difference (a &lt; b) round, after its reason: "b1 out, 3<7:
    /// 3-7=-(7-3)" when the columns were worked as given, "47 is longer, 3<47: …" when a has fewer digits.</summary>
    public static string Negated(long a, long b) =>
        $"{(IsShorter(a, b) ? $"{b} is longer" : "b1 out")}, {a}<{b}: {a}-{b}=-({b}-{a})";

    /// <summary>Whether a has fewer digits than b: a negative difference then turns round before any column.</summary>
    public static bool IsShorter(long a, long b) => a.ToString().Length < b.ToString().Length;

    /// <summary>Lines multiplying a number by one digit, multiplicand digits from the right, the product so far at the
    /// end of each step: "47×6: 7×6=42 c4 → 2, 4×6+4=28 → 282".</summary>
    public static string TimesDigit(long a, int digit)
    {
        var steps = new List<string>();
        var digits = a.ToString();
        var result = "";
        var carry = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var x = digits[i] - '0';
            var value = x * digit + carry;
            var last = i == 0;
            result = (last ? value.ToString() : (value % 10).ToString()) + result;
            var work = carry > 0 ? $"{x}×{digit}+{carry}={value}" : $"{x}×{digit}={value}";
            steps.Add($"{work}{(!last && value >= 10 ? $" c{value / 10}" : "")} → {result}");
            carry = value / 10;
        }
        return $"{a}×{digit}: " + string.Join(", ", steps);
    }

    /// <summary>Halving an even number digit by digit from the left, each step written as a true equation whose
    /// middle is the quotient digit: "132÷2: 1=2×0+1, 13=2×6+1, 12=2×6 → 66". One-line halves of two-digit amounts
    /// were the first false line in 6 of one model's 92 failed word problems; each step here halves at most 19.</summary>
    public static string Half(long even)
    {
        if (even < 0 || even % 2 != 0) throw new ArgumentException($"halving by digits needs an even non-negative number, got {even}");
        var steps = new List<string>();
        var remainder = 0;
        foreach (var digit in even.ToString())
        {
            var n = remainder * 10 + (digit - '0');
            remainder = n % 2;
            steps.Add(remainder > 0 ? $"{n}=2×{n / 2}+1" : $"{n}=2×{n / 2}");
        }
        return $"{even}÷2: {string.Join(", ", steps)} → {even / 2}";
    }

    static int Last(string digits) => digits.Length == 0 ? 0 : digits[^1] - '0';

    static string Drop(string digits) => digits.Length == 0 ? "" : digits[..^1];
}
