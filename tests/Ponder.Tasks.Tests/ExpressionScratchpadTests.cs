using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class ExpressionScratchpadTests
{
    // "18 × 6 = 108, leaving 16 + 108", "Multiplication first: 18 × 6 = 108, leaving …" or terse "18×6=108 → 16+108".
    [GeneratedRegex(@"^(?:[A-Z][a-z ]+: )?(?<x>\d+) ?(?<op>[+\-×]) ?(?<y>\d+) ?= ?(?<r>-?\d+)(?:, leaving | → )(?<rest>.+)$")]
    private static partial Regex Step();

    [GeneratedRegex(@"\[(?<x>\d+) ?(?<op>[+\-×]) ?(?<y>\d+)\]")]
    private static partial Regex Mark();

    [Fact]
    public void Each_step_with_more_than_one_operation_left_is_marked_in_a_copy_of_the_expression_before_its_rewrite()
    {
        var task = new ExpressionTask();
        var marked = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 60, seed: 3))
        {
            var lines = problem.Solution.Split('\n');
            // The expression so far: the question restated on the first line, then each rewrite.
            var current = Compact(Restated(lines[0]));
            string? mark = null;
            foreach (var line in lines.Skip(1))
            {
                if (Mark().Match(line) is { Success: true } m)
                {
                    Assert.Equal(current, Compact(line.Replace("[", "").Replace("]", "")));
                    Assert.Single(Mark().Matches(line));
                    mark = line;
                    marked++;
                    continue;
                }
                if (Step().Match(line) is not { Success: true } step) continue;
                if (mark is null)
                {
                    // Unmarked only when one operation was left, so the rewrite has nothing to choose.
                    Assert.Equal(1, current.Count(c => c is '+' or '-' or '×'));
                    continue;
                }
                var inner = Mark().Match(mark);
                Assert.Equal((inner.Groups["x"].Value, inner.Groups["op"].Value, inner.Groups["y"].Value),
                    (step.Groups["x"].Value, step.Groups["op"].Value, step.Groups["y"].Value));
                var replaced = Compact(Mark().Replace(mark, step.Groups["r"].Value));
                var rest = Compact(step.Groups["rest"].Value);
                Assert.True(replaced == rest || replaced.Replace($"({step.Groups["r"].Value})", step.Groups["r"].Value) == rest,
                    $"{mark} → {line}\n{problem.Solution}");
                current = rest;
                mark = null;
            }
        }
        Assert.True(marked > 300, $"only {marked} marked steps");
    }

    /// <summary>The expression in a first line: "Evaluate 3 + 4: …", "We need the value of 3 + 4. Order: …" or "3+4".</summary>
    static string Restated(string line) =>
        line.StartsWith("Evaluate ") ? line["Evaluate ".Length..line.IndexOf(':')]
        : line.StartsWith("We need the value of ") ? line["We need the value of ".Length..line.IndexOf(". Order")]
        : line;

    static string Compact(string text) => text.Replace(" ", "");
}
