using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ScratchpadArithmeticTests
{
    // A chain of integer expressions joined by "=", e.g. "8×7=56", "15 × 2 = 10×2 + 5×2 = 20 + 10 = 30", "44 ÷ 2 = 22".
    // Operators are spaced on both sides or neither. Not preceded by a digit, $, '.', parenthesis or operator, so "$2.50" and the tail of a longer expression never match.
    [GeneratedRegex(@"(?<![\d.$()×÷+\-] ?)(?<chain>-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*(?:(?: = |=)-?\d+(?:(?: [+\-×÷] |[+\-×÷])\d+)*)+)(?![\d(]|\.\d)")]
    private static partial Regex Chain();

    [GeneratedRegex(@"^(?:[\w-]+|column \d+): (?<x>\d) \+ (?<y>\d)(?: \+ (?<c>\d))? = (?<t>\d+), write (?<w>\d+)")]
    private static partial Regex AdditionColumn();

    [GeneratedRegex(@"^(?<a>\d+)×(?<d>\d)(?<zeros>0*): (?:.*?→ )??(?<p>\d+)(?: → (?<shifted>\d+))?$")]
    private static partial Regex PartialProduct();

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Every_equation_written_in_a_scratchpad_is_true(string name)
    {
        var task = Samples.Task(name);
        var checkedEquations = 0;
        foreach (var level in task.Levels.All)
        foreach (var problem in Samples.Draw(task, level, 80, seed: 7 + level))
        foreach (Match match in Chain().Matches(problem.Solution))
        {
            var values = match.Groups["chain"].Value.Split('=').Select(Evaluate).ToList();
            Assert.True(values.All(v => v == values[0]), $"'{match.Value}' is false in:\n{problem.Solution}");
            checkedEquations++;
        }
        if (name != "boolean-logic" && name != "comparison") Assert.True(checkedEquations > 200, $"only {checkedEquations} equations found");
    }

    [Fact]
    public void Addition_columns_carry_correctly_and_their_written_digits_spell_the_sum()
    {
        foreach (var level in new AdditionTask().Levels.All)
        foreach (var problem in Samples.Draw(new AdditionTask(), level, 300).Where(p => p.Verbosity != Verbosity.Terse))
        {
            var carry = 0;
            var written = "";
            foreach (var line in problem.Solution.Split('\n'))
            {
                var m = AdditionColumn().Match(line);
                if (!m.Success) continue;
                int x = int.Parse(m.Groups["x"].Value), y = int.Parse(m.Groups["y"].Value);
                var c = m.Groups["c"].Success ? int.Parse(m.Groups["c"].Value) : 0;
                Assert.Equal(carry, c);
                Assert.Equal(x + y + c, int.Parse(m.Groups["t"].Value));
                written = m.Groups["w"].Value + written;
                carry = (x + y + c) / 10;
            }
            Assert.Equal(problem.Answer, written.TrimStart('0') is { Length: > 0 } w ? w : "0");
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
                var shift = (long)Math.Pow(10, m.Groups["zeros"].Length);
                Assert.True(a * digit == long.Parse(m.Groups["p"].Value), $"{line}\n{problem.Solution}");
                var shifted = m.Groups["shifted"].Success ? long.Parse(m.Groups["shifted"].Value) : a * digit;
                Assert.Equal(a * digit * shift, shifted);
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
