using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ComparisonScratchpadTests
{
    // "347 vs 374: 3=3, 4<7: 347<374 → larger 374" / "5 vs 46: 46 is longer: 5<46 → larger 46" / "2 vs 0: 2>0 → smaller 0".
    [GeneratedRegex(@"(?<!\d)(?:(?<a2>\d+) vs (?<b2>\d+): )?(?:(?<why>[^→;:\s][^→;:\n]*): )?(?<a>\d+)(?<op>[<>])(?<b>\d+) → (?<goal>larger|smaller) (?<winner>\d+)")]
    private static partial Regex Comparison();

    // "…; take 84: 54, [84], left 54" (terse) or "…; take 84: 54, [84], 12, leaving 54, 12".
    [GeneratedRegex(@"; take (?<taken>\d+): (?<marked>\[?\d+\]?(?:, \[?\d+\]?)*), (?:left|leaving) (?<rest>\d+(?:, \d+)*)$")]
    private static partial Regex Take();

    // The problem's Id starts with its mode: Largest, Smallest, Ascending or Descending.
    static bool WantsLarger(Problem problem) => problem.Id.StartsWith("Largest") || problem.Id.StartsWith("Descending");

    [Fact]
    public void Every_scratchpad_copies_the_question_cue_then_names_the_goal_it_means_before_the_first_comparison()
    {
        var task = new ComparisonTask();
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 0))
        {
            var first = problem.Solution.Split('\n')[0];
            var goals = problem.Verbosity == Verbosity.Terse
                ? new[] { "→ max: ", "→ min: ", "→ asc: ", "→ desc: " }
                : [", so we want the largest.", ", so we want the smallest.", "from smallest to largest", "from largest to smallest", "find the largest ", "find the smallest "];
            var named = goals.Where(g => first.Contains(g)).ToList();
            Assert.True(named.Count == 1, $"first line names {named.Count} goals:\n{problem.Solution}");
            var wantsLarger = named[0].Contains("max") || named[0].Contains("desc") || named[0].Contains("the largest") || named[0] == "from largest to smallest";
            Assert.Equal(wantsLarger, WantsLarger(problem));
            // The cue is the question's own word, first on the line (quoted when worded).
            var cue = problem.Verbosity switch
            {
                Verbosity.Terse => first[..first.IndexOf(" → ", StringComparison.Ordinal)],
                Verbosity.Normal => first[1..first.IndexOf("\":", StringComparison.Ordinal)],
                _ => first.Split('"')[1],
            };
            Assert.Contains(cue, problem.Question, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(wantsLarger, cue is "larger" or "bigger" or "greater" or "max" or "largest" or "biggest" or "maximum"
                or "greatest" or "descending" or "largest to smallest" or "greatest to least" or "decreasing");
        }
    }

    [Fact]
    public void Each_comparison_names_its_numbers_and_gives_its_reason_before_a_winner_that_follows_from_it_and_the_goal()
    {
        var task = new ComparisonTask();
        var checkedComparisons = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 10))
        {
            var wantsLarger = WantsLarger(problem);
            foreach (Match m in Comparison().Matches(problem.Solution))
            {
                long a = long.Parse(m.Groups["a"].Value), b = long.Parse(m.Groups["b"].Value);
                Assert.True(m.Groups["a2"].Success, $"'{m.Value}' does not name its numbers first in:\n{problem.Solution}");
                Assert.Equal(a, long.Parse(m.Groups["a2"].Value));
                Assert.Equal(b, long.Parse(m.Groups["b2"].Value));
                Assert.True(m.Groups["why"].Success || (a < 10 && b < 10), $"'{m.Value}' gives no reason in:\n{problem.Solution}");
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

    [Fact]
    public void Every_take_in_a_sort_marks_it_in_the_list_then_writes_what_is_left_and_the_last_number_is_copied_from_it()
    {
        var task = new ComparisonTask();
        var sorts = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 20))
        {
            if (!problem.Id.StartsWith("Ascending") && !problem.Id.StartsWith("Descending")) continue;
            var remaining = problem.Id[(problem.Id.IndexOf(':') + 1)..].Split(',').Select(long.Parse).ToList();
            var count = remaining.Count;
            var lines = problem.Solution.Split('\n');
            var takes = 0;
            foreach (var line in lines)
            {
                var m = Take().Match(line);
                if (!m.Success) continue;
                var taken = long.Parse(m.Groups["taken"].Value);
                Assert.Contains(taken, remaining);
                Assert.Equal(string.Join(", ", remaining.Select(n => n == taken ? $"[{n}]" : $"{n}")), m.Groups["marked"].Value);
                remaining.Remove(taken);
                Assert.Equal(string.Join(", ", remaining), m.Groups["rest"].Value);
                takes++;
            }
            Assert.Equal(count - 1, takes);
            Assert.Contains(lines, l => l == $"last {remaining[0]}" || l == $"Last left: {remaining[0]}.");
            sorts++;
        }
        Assert.True(sorts > 400, $"only {sorts} sorts drawn");
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
