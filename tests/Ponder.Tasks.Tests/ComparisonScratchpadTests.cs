using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ComparisonScratchpadTests
{
    // "347<374 → larger 374" (terse) or "347 vs 374: 3=3, 4<7: 347<374 → larger 374" / "5 vs 46: 46 is longer: 5<46 → larger 46"
    // / "2 vs 0: 2>0 → smaller 0".
    [GeneratedRegex(@"(?<!\d)(?:(?<a2>\d+) vs (?<b2>\d+): (?:(?<why>[^→;:]+): )?)?(?<a>\d+)(?<op>[<>])(?<b>\d+) → (?<goal>larger|smaller) (?<winner>\d+)")]
    private static partial Regex Comparison();

    // The problem's Id starts with its mode: Largest, Smallest, Ascending or Descending.
    static bool WantsLarger(Problem problem) => problem.Id.StartsWith("Largest") || problem.Id.StartsWith("Descending");

    [Fact]
    public void Every_scratchpad_names_its_goal_before_the_first_comparison()
    {
        var task = new ComparisonTask();
        foreach (var level in task.Levels.All)
        foreach (var problem in Samples.Draw(task, level, 200, seed: level))
        {
            var first = problem.Solution.Split('\n')[0];
            var goals = problem.Verbosity == Verbosity.Terse
                ? new[] { "max: ", "min: ", "asc: ", "desc: " }
                : ["the largest", "the smallest", "from smallest to largest", "from largest to smallest"];
            var named = goals.Where(g => first.Contains(g)).ToList();
            Assert.True(named.Count == 1, $"first line names {named.Count} goals:\n{problem.Solution}");
            var wantsLarger = named[0] is "max: " or "desc: " or "the largest" or "from largest to smallest";
            Assert.Equal(wantsLarger, WantsLarger(problem));
        }
    }

    [Fact]
    public void Each_comparison_gives_its_reason_before_a_winner_that_follows_from_it_and_the_goal()
    {
        var task = new ComparisonTask();
        var checkedComparisons = 0;
        foreach (var level in task.Levels.All)
        foreach (var problem in Samples.Draw(task, level, 200, seed: 10 + level))
        {
            var wantsLarger = WantsLarger(problem);
            foreach (Match m in Comparison().Matches(problem.Solution))
            {
                long a = long.Parse(m.Groups["a"].Value), b = long.Parse(m.Groups["b"].Value);
                if (m.Groups["a2"].Success)
                {
                    Assert.Equal(a, long.Parse(m.Groups["a2"].Value));
                    Assert.Equal(b, long.Parse(m.Groups["b2"].Value));
                    Assert.True(m.Groups["why"].Success || (a < 10 && b < 10), $"'{m.Value}' gives no reason in:\n{problem.Solution}");
                }
                if (m.Groups["why"].Success)
                {
                    var why = m.Groups["why"].Value;
                    var decided = why.EndsWith(" is longer") ? long.Parse(why[..^" is longer".Length]) == Math.Max(a, b) : DigitsDecide(why, a, b);
                    Assert.True(decided, $"'{m.Value}' gives a wrong reason in:\n{problem.Solution}");
                }
                Assert.Equal(a < b ? "<" : ">", m.Groups["op"].Value);
                Assert.Equal(wantsLarger ? "larger" : "smaller", m.Groups["goal"].Value);
                Assert.Equal(wantsLarger ? Math.Max(a, b) : Math.Min(a, b), long.Parse(m.Groups["winner"].Value));
                checkedComparisons++;
            }
        }
        Assert.True(checkedComparisons > 2000, $"only {checkedComparisons} comparisons found");
    }

    /// <summary>"3=3, 4<7" for 347 vs 374: the equal leading digits in order, then the first differing pair.</summary>
    static bool DigitsDecide(string why, long a, long b)
    {
        string x = a.ToString(), y = b.ToString();
        var steps = why.Split(", ");
        for (var i = 0; i < steps.Length; i++)
        {
            var last = i == steps.Length - 1;
            var expected = $"{x[i]}{(x[i] == y[i] ? "=" : x[i] < y[i] ? "<" : ">")}{y[i]}";
            if (steps[i] != expected || (x[i] == y[i]) == last) return false;
        }
        return true;
    }
}
