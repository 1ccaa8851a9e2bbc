using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ScratchpadArithmeticTests
{
    // A chain of integer expressions joined by "=", e.g. "8×7=56", "15 × 2 = 10×2 + 5×2 = 20 + 10 = 30", "44 ÷ 2 = 22".
    // Operators are spaced on both sides or neither. Not preceded by a digit, $, '.', parenthesis or operator, so "$2.50" and the tail of a longer expression never match.
    [GeneratedRegex(@"(?<![\d.$()×÷+\-] ?)(?<chain>-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*(?:(?: = |=)-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*)+)(?![\d(]|\.\d)")]
    private static partial Regex Chain();

    // "9948×5: 8×5=40 c4 → 0, …, 9×5+4=49 → 49740, shift → 497400" or "19×0: 0"; the product is the last number
    // before the shift.
    [GeneratedRegex(@"^(?<a>\d+)×(?<d>\d): (?:(?:(?!shift).)*→ )?(?<p>\d+)(?:, shift → (?<shifted>\d+))?$")]
    private static partial Regex PartialProduct();

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
    public void Multiplication_partial_products_are_the_multiplicand_times_each_shifted_digit_and_add_up_to_the_product()
    {
        foreach (var level in new MultiplicationTask().Levels.All)
        foreach (var problem in Samples.Draw(new MultiplicationTask(), level, 300))
        {
            long sum = 0;
            var partials = 0;
            foreach (var line in problem.Solution.Split('\n'))
            {
                var m = PartialProduct().Match(line);
                if (!m.Success) continue;
                long a = long.Parse(m.Groups["a"].Value), digit = long.Parse(m.Groups["d"].Value);
                Assert.True(a * digit == long.Parse(m.Groups["p"].Value), $"{line}\n{problem.Solution}");
                var shift = (long)Math.Pow(10, partials);
                var shifted = m.Groups["shifted"].Success ? long.Parse(m.Groups["shifted"].Value) : a * digit;
                Assert.True(a * digit * shift == shifted, $"{line}\n{problem.Solution}");
                sum += shifted;
                partials++;
            }
            Assert.True(partials >= 1, problem.Solution);
            Assert.Equal(problem.Answer, sum.ToString());
        }
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
