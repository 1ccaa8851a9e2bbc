using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ScratchpadArithmeticTests
{
    // A chain of integer expressions joined by "=", e.g. "8×7=56", "15 × 2 = 10×2 + 5×2 = 20 + 10 = 30", "44 ÷ 2 = 22".
    // Operators are spaced on both sides or neither. Not preceded by a digit, $, '.', parenthesis or operator, so "$2.50" and the tail of a longer expression never match.
    [GeneratedRegex(@"(?<![\d.$()×÷+\-] ?)(?<chain>-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*(?:(?: = |=)-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*)+)(?![\d(]|\.\d)")]
    private static partial Regex Chain();

    // "9948×5: 8×5=40 c4 → 0, …, 9×5+4=49 → 49740" or "19×0: 0": a partial product, the last number on the line.
    [GeneratedRegex(@"^(?<a>\d+)×(?<d>\d): (?:.*→ )?(?<p>\d+)$")]
    private static partial Regex PartialProduct();

    // "3031×28 = 60620 + 24248; …" or terse "3031×28=60620+24248: keep 8": a row added to ten times the total so far.
    [GeneratedRegex(@"^(?<a>\d+)×(?<prefix>\d+) ?= ?(?<tens>\d+) ?\+ ?(?<p>\d+)")]
    private static partial Regex RowSum();

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Every_equation_written_in_a_scratchpad_is_true(string name)
    {
        var task = Samples.Task(name);
        var checkedEquations = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 80, seed: 7))
        foreach (Match match in Chain().Matches(problem.Solution))
        {
            var values = match.Groups["chain"].Value.Split('=').Select(Evaluate).ToList();
            Assert.True(values.All(v => v == values[0]), $"'{match.Value}' is false in:\n{problem.Solution}");
            checkedEquations++;
        }
        if (name != "boolean-logic" && name != "comparison") Assert.True(checkedEquations > 200, $"only {checkedEquations} equations found");
    }

    [Theory]
    [InlineData("addition")]
    [InlineData("subtraction")]
    [InlineData("multiplication")]
    public void Column_work_ends_with_the_answer_so_the_answer_is_a_copy_of_the_last_result(string name)
    {
        var task = Samples.Task(name);
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 0).Where(p => p.Solution.Contains('→')))
        {
            var last = problem.Solution.Split('\n').Last(l => l.Contains('→') && !l.StartsWith("Re-check") && !l.StartsWith("Check"));
            var magnitude = problem.Answer.TrimStart('-');
            Assert.True(last.EndsWith($"→ {magnitude}") || last.EndsWith($"shift → {magnitude}"), $"{last}\n{problem.Solution}");
        }
    }

    [Fact]
    public void Multiplication_rows_take_the_multiplier_digits_from_the_left_and_each_sum_is_ten_times_the_total_plus_the_row()
    {
        foreach (var level in new MultiplicationTask().Levels.All)
        foreach (var problem in Samples.Draw(new MultiplicationTask(), level, 300))
        {
            var operands = problem.Id.Split('*').Select(long.Parse).ToArray();
            var (a, b) = operands[1].ToString().Length > operands[0].ToString().Length ? (operands[1], operands[0]) : (operands[0], operands[1]);
            // A question asking the shorter number first is turned round in an equation on the first line.
            var first = problem.Solution.Split('\n')[0].Replace(" ", "");
            if (a != operands[0]) Assert.Contains($"{operands[0]}×{operands[1]}={a}×{b}", first);
            else Assert.DoesNotContain("=", first);
            var rows = new List<long>();
            long total = 0;
            foreach (var line in problem.Solution.Split('\n'))
            {
                if (PartialProduct().Match(line) is { Success: true } row)
                {
                    Assert.Equal(a, long.Parse(row.Groups["a"].Value));
                    Assert.Equal(b.ToString()[rows.Count] - '0', int.Parse(row.Groups["d"].Value));
                    Assert.True(a * long.Parse(row.Groups["d"].Value) == long.Parse(row.Groups["p"].Value), $"{line}\n{problem.Solution}");
                    rows.Add(long.Parse(row.Groups["p"].Value));
                }
                else if (RowSum().Match(line) is { Success: true } sum)
                {
                    // The sum restates how far through the multiplier it is, and starts from the total so far.
                    Assert.Equal(b.ToString()[..rows.Count], sum.Groups["prefix"].Value);
                    Assert.Equal(total - rows[^1], long.Parse(sum.Groups["tens"].Value));
                    Assert.Equal(rows[^1], long.Parse(sum.Groups["p"].Value));
                }
                if (PartialProduct().IsMatch(line)) total = total * 10 + rows[^1];
            }
            Assert.Equal(b.ToString().Length, rows.Count);
            Assert.Equal(problem.Answer, total.ToString());
        }
    }

    [Fact]
    public void Multiplication_sums_keep_only_the_row_last_digit_and_add_the_rest_by_columns()
    {
        var sums = 0;
        foreach (var problem in Samples.Draw(new MultiplicationTask(), 4, 200))
        {
            var lines = problem.Solution.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (RowSum().Match(lines[i]) is not { Success: true } sum) continue;
                sums++;
                var row = sum.Groups["p"].Value;
                if (row == "0") { Assert.EndsWith($"→ {sum.Groups["tens"].Value}", lines[i]); continue; }
                Assert.Matches($@"(; the last digit {row[^1]} stays\.|: keep {row[^1]})$", lines[i]);
                // Every column line after it carries the kept digit, and the total without its zero is the top.
                var tens = sum.Groups["tens"].Value;
                if (row.Length > 1) Assert.StartsWith($"{tens[..^1]}+{row[..^1]}: ", lines[i + 1]);
            }
        }
        Assert.True(sums > 300, $"only {sums} row sums");
    }

    /// <summary>Integer arithmetic with × and ÷ before + and -; ÷ must divide exactly.</summary>
    static long Evaluate(string expression)
    {
        var tokens = Regex.Matches(expression.Replace(" ", ""), @"^-?\d+|[+\-×÷]|\d+").Select(m => m.Value).ToList();
        var terms = new List<long> { long.Parse(tokens[0]) };
        var signs = new List<char> { '+' };
        for (var i = 1; i < tokens.Count; i += 2)
        {
            var op = tokens[i][0];
            var value = long.Parse(tokens[i + 1]);
            if (op == '×') terms[^1] *= value;
            else if (op == '÷')
            {
                Assert.True(value != 0 && terms[^1] % value == 0, $"inexact division in '{expression}'");
                terms[^1] /= value;
            }
            else { terms.Add(value); signs.Add(op); }
        }
        return terms.Select((t, i) => signs[i] == '-' ? -t : t).Sum();
    }
}
