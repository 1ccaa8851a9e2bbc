using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ColumnWorkTests
{
    // "813+391: 3+1+1=5 → 51", "48: 8 → 831", "81-39: 1-9<0, 11-9=2 b1 → 227"
    [GeneratedRegex(@"^(?<top>\d+)(?:(?<op>[+-])(?<bottom>\d+))?: (?<work>.+?) → (?<result>\d+)$")]
    private static partial Regex Line();

    static IEnumerable<(long A, long B)> Pairs()
    {
        var random = new Random(3);
        yield return (0, 0);
        yield return (9999, 1);
        yield return (1000, 999);
        for (var i = 0; i < 2000; i++)
        {
            var a = PlaceNames.WithDigits(random, random.Next(1, 10));
            var b = PlaceNames.WithDigits(random, random.Next(1, 10));
            yield return (Math.Max(a, b), Math.Min(a, b));
        }
    }

    [Fact]
    public void Addition_with_the_rest_in_one_line_moves_a_longer_top_across_once_the_carry_is_used_up()
    {
        Assert.Equal(
            ["1925831+2397: 1+7=8 → 83", "192583+239: 3+9=12 c1 → 283", "19258+23: 8+3+1=12 c1 → 2283",
             "1925+2: 5+2+1=8 → 82283", "192: stays → 19282283"],
            ColumnWork.Add(1925831, 2397, "3", restInOneLine: true));
        // A carry still owed walks on digit by digit; a one-digit rest is an ordinary line.
        Assert.Equal(["99+1: 9+1=10 c1 → 0", "9: 9+1=10 → 100"], ColumnWork.Add(99, 1, restInOneLine: true));
        foreach (var (a, b) in Pairs())
        {
            var lines = ColumnWork.Add(a, b, restInOneLine: true);
            Assert.EndsWith($"→ {a + b}", lines[^1]);
            Assert.True(lines.Count(l => l.Contains("stays")) <= 1);
            Assert.True(lines.Count <= ColumnWork.Add(a, b).Count);
        }
    }

    [Fact]
    public void Addition_lines_work_on_the_last_digits_left_and_end_with_the_sum()
    {
        foreach (var (a, b) in Pairs())
        {
            var lines = ColumnWork.Add(a, b);
            AssertOperandsShrinkByOneDigit(lines, a, b);
            var carry = 0;
            var result = "";
            foreach (var line in lines)
            {
                var m = Line().Match(line);
                Assert.True(m.Success, line);
                var top = m.Groups["top"].Value;
                var bottom = m.Groups["bottom"].Value;
                var terms = Regex.Match(m.Groups["work"].Value, @"^[\d+]+").Value.Split('+').Select(int.Parse).ToList();
                var expected = new List<int> { top[^1] - '0' };
                if (bottom.Length > 0) expected.Add(bottom[^1] - '0');
                if (carry > 0) expected.Add(carry);
                Assert.Equal(expected, terms);
                var total = terms.Sum();
                var last = line == lines[^1];
                Assert.Equal(!last && total >= 10, m.Groups["work"].Value.EndsWith(" c1"));
                result = (last ? total.ToString() : (total % 10).ToString()) + result;
                Assert.Equal(result, m.Groups["result"].Value);
                carry = total / 10;
            }
            Assert.Equal((a + b).ToString(), result);
        }
    }

    [Fact]
    public void Subtraction_lines_borrow_from_the_next_column_and_end_with_the_difference()
    {
        foreach (var (a, b) in Pairs())
        {
            var lines = ColumnWork.Subtract(a, b);
            var columns = lines.Where(l => l.Contains(':')).ToList(); // without the leading-zeros line
            AssertOperandsShrinkByOneDigit(columns, a, b);
            var borrow = 0;
            foreach (var line in columns)
            {
                var m = Line().Match(line);
                Assert.True(m.Success, line);
                int x = m.Groups["top"].Value[^1] - '0', y = m.Groups["bottom"].Length > 0 ? m.Groups["bottom"].Value[^1] - '0' : 0;
                var value = x - y - borrow;
                Assert.Equal(value < 0, m.Groups["work"].Value.EndsWith(" b1"));
                borrow = value < 0 ? 1 : 0;
            }
            Assert.EndsWith($"→ {a - b}", lines[^1]);
            Assert.Equal(a - b, long.Parse(lines[^1][(lines[^1].LastIndexOf(' ') + 1)..]));
        }
    }

    [Fact]
    public void Subtraction_drops_leading_zeros_on_a_line_of_its_own()
    {
        var lines = ColumnWork.Subtract(1000, 999);
        Assert.Equal("0001 → 1", lines[^1]);
        Assert.Equal("1000-999: 0-9<0, 10-9=1 b1 → 1", lines[0]);
    }

    [Fact]
    public void A_negative_difference_of_one_length_is_found_by_a_borrow_out_of_the_top_column_then_worked_round()
    {
        Assert.Equal(
        [
            "347-374: 7-4=3 → 3", "34-37: 4-7<0, 14-7=7 b1 → 73", "3-3: 3-3-1<0, 13-3-1=9 b1 → 973",
            "b1 out, 347<374: 347-374=-(374-347)",
            "374-347: 4-7<0, 14-7=7 b1 → 7", "37-34: 7-4-1=2 → 27", "3-3: 3-3=0 → 027", "027 → 27",
        ], ColumnWork.Difference(347, 374));
        Assert.Equal(["47 is longer, 3<47: 3-47=-(47-3)", "47-3: 7-3=4 → 4", "4: 4 → 44"], ColumnWork.Difference(3, 47));
        Assert.StartsWith("3-7: 3-7<0, 13-7=6 b1 → 6\nb1 out, 3<7: 3-7=-(7-3)\n",
            SubtractionTask.Solve(3, 7, Verbosity.Terse, new Random(0)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Only_a_smaller_top_of_the_same_length_borrows_out_of_its_top_column()
    {
        foreach (var (a, b) in Pairs())
        {
            foreach (var (x, y) in new[] { (a, b), (b, a) })
            {
                var lines = ColumnWork.Difference(x, y);
                var turn = lines.ToList().FindIndex(l => l.Contains("=-("));
                Assert.Equal(x < y, turn >= 0);
                if (x < y && x.ToString().Length == y.ToString().Length)
                {
                    Assert.Equal(x.ToString().Length, turn);
                    Assert.Matches(@" b1 → \d+$", lines[turn - 1]);
                    Assert.StartsWith("b1 out, ", lines[turn]);
                }
                else if (x < y) Assert.Equal(0, turn);
                // Worked the right way round, no line borrows out of its top column.
                var worked = lines.Skip(turn + 1).Where(l => l.Contains(':')).ToList();
                Assert.DoesNotMatch(" b1 → ", worked[^1]);
                Assert.Equal(Math.Abs(x - y), long.Parse(lines[^1][(lines[^1].LastIndexOf(' ') + 1)..]));
            }
        }
    }

    [Fact]
    public void Subtraction_refuses_a_shorter_top_smaller_than_its_bottom()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnWork.Subtract(3, 47));
        Assert.Contains("top ≥ bottom or both of one length", error.Message);
    }

    [Fact]
    public void Times_digit_carries_and_ends_with_the_product()
    {
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var a = PlaceNames.WithDigits(random, random.Next(2, 7));
            var digit = random.Next(2, 10);
            var line = ColumnWork.TimesDigit(a, digit);
            Assert.StartsWith($"{a}×{digit}: ", line);
            Assert.EndsWith($"→ {a * digit}", line);
        }
        Assert.Equal("47×6: 7×6=42 c4 → 2, 4×6+4=28 → 282", ColumnWork.TimesDigit(47, 6));
    }

    [Fact]
    public void Halving_writes_each_digit_step_as_two_times_its_quotient_digit_and_ends_with_the_half()
    {
        Assert.Equal("132÷2: 1=2×0+1, 13=2×6+1, 12=2×6 → 66", ColumnWork.Half(132));
        for (var n = 0L; n <= 20000; n += 2)
        {
            var line = ColumnWork.Half(n);
            var steps = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..line.IndexOf(" → ", StringComparison.Ordinal)].Split(", ");
            Assert.Equal(n.ToString().Length, steps.Length);
            // The quotient digits, read off the steps in order, are the half (leading zeros aside).
            var digits = string.Concat(steps.Select(s => s.Split('×')[1].Split('+')[0]));
            Assert.Equal(n / 2, long.Parse(digits));
            Assert.EndsWith($"→ {n / 2}", line);
        }
        Assert.Throws<ArgumentException>(() => ColumnWork.Half(7));
    }

    [Fact]
    public void Expression_sums_and_differences_with_a_multi_digit_operand_follow_their_column_work()
    {
        var task = new ExpressionTask();
        var step = new Regex(@"^(?:(?:Inside the parentheses|Multiplication first|Left to right): )?(?<x>\d+) ?(?<op>[+-]) ?(?<y>\d+) ?= ?(?<r>-?\d+)");
        var checkedSteps = 0;
        foreach (var level in task.Levels.Trained)
        foreach (var problem in Samples.Draw(task, level, 100, seed: 40 + level))
        {
            var lines = problem.Solution.ReplaceLineEndings("\n").Split('\n');
            for (var i = 1; i < lines.Length; i++)
            {
                var m = step.Match(lines[i]);
                if (!m.Success || (m.Groups["x"].Value.Length == 1 && m.Groups["y"].Value.Length == 1)) continue;
                var result = long.Parse(m.Groups["r"].Value);
                Assert.True(lines[i - 1].EndsWith($"→ {Math.Abs(result)}"), $"'{lines[i]}' follows '{lines[i - 1]}' in:\n{problem.Solution}");
                checkedSteps++;
            }
        }
        Assert.True(checkedSteps > 300, $"only {checkedSteps} steps found");
    }

    /// <summary>Each line restates the operands with the digit just worked dropped, so the next digits are adjacent.</summary>
    static void AssertOperandsShrinkByOneDigit(IReadOnlyList<string> lines, long a, long b)
    {
        string top = a.ToString(), bottom = b.ToString();
        foreach (var line in lines)
        {
            var m = Line().Match(line);
            Assert.True(m.Success, line);
            Assert.Equal(top.Length > 0 ? top : bottom, m.Groups["top"].Value);
            if (top.Length > 0 && bottom.Length > 0) Assert.Equal(bottom, m.Groups["bottom"].Value);
            top = top.Length > 0 ? top[..^1] : "";
            bottom = bottom.Length > 0 ? bottom[..^1] : "";
        }
        Assert.Equal(Math.Max(a.ToString().Length, b.ToString().Length), lines.Count);
    }
}
