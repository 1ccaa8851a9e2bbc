using Ponder.Reasoning;

namespace Ponder.Eval.Tests;

public sealed class GridParsingTests
{
    [Theory]
    [InlineData("instant", ReasoningMode.Instant, null, 1, "instant")]
    [InlineData("thinking", ReasoningMode.Thinking, null, 1, "thinking")]
    [InlineData("Thinking@64", ReasoningMode.Thinking, 64, 1, "thinking@64")]
    [InlineData("contemplating", ReasoningMode.Contemplating, null, 8, "contemplating-8")]
    [InlineData("contemplating-3@32", ReasoningMode.Contemplating, 32, 3, "contemplating-3@32")]
    public void Modes_parse_to_a_canonical_key(string text, ReasoningMode mode, int? budget, int agents, string key)
    {
        var m = ModeSpec.Parse(text);
        Assert.Equal((mode, budget, agents, key), (m.Mode, m.Budget, m.Agents, m.Key));
    }

    [Theory]
    [InlineData("pondering")]
    [InlineData("instant@5")]
    [InlineData("contemplating-0")]
    [InlineData("thinking@lots")]
    public void An_unknown_mode_is_refused_listing_the_valid_ones(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ModeSpec.Parse(text));
        Assert.Contains(text, e.Message);
        Assert.Contains(text == "instant@5" ? "no budget" : "contemplating[-AGENTS]", e.Message);
    }

    [Fact]
    public void An_unknown_suite_is_refused_listing_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Suite.Parse("algebra", 1, 0, 1));
        Assert.Contains("unknown suite 'algebra'", e.Message);
        Assert.Contains("addition", e.Message);
        Assert.Contains("gsm8k:PATH", e.Message);
        Assert.Throws<ArgumentException>(() => Suite.Parse("jsonl:nosuch:x.jsonl", 1, 0, 1));
    }

    [Fact]
    public void Task_suites_are_held_out_every_level_and_the_same_for_a_seed()
    {
        var task = Ponder.Tasks.TaskRegistry.Default.Get("addition");
        var a = Suite.Parse("addition", 3, 0, 7).Single();
        var b = Suite.Parse("addition", 3, 0, 7).Single();
        var c = Suite.Parse("addition", 3, 0, 8).Single();
        Assert.Equal(task.Levels.All.Count() * 3, a.Items.Count);
        Assert.Equal(a.Items.Select(i => i.Question), b.Items.Select(i => i.Question));
        Assert.NotEqual(a.Items.Select(i => i.Question), c.Items.Select(i => i.Question));
        Assert.Equal(Enumerable.Range(0, a.Items.Count), a.Items.Select(i => i.Index));
        Assert.Contains(a.Items, i => i.OutOfDistribution);
        Assert.Equal(task.Levels.All, a.Items.Select(i => i.Level!.Value).Distinct());
        Assert.True(a.Items.All(i => i.Evaluate($"The answer is {i.Expected}.").Correct));
        Assert.Equal(TaskCount(), Suite.Parse("tasks", 1, 0, 1).Count);

        static int TaskCount() => Ponder.Tasks.TaskRegistry.Default.All.Count;
    }

    [Fact]
    public void Malformed_dataset_lines_are_reported_with_their_line_numbers()
    {
        var path = Path.Combine(TinyModels.TempFolder("jsonl"), "qa.jsonl");
        File.WriteAllLines(path, ["{\"question\": \"2+2?\", \"answer\": \"4\"}", "{not json", "{\"question\": \"capital of France?\", \"answer\": \"Paris\"}", "{\"question\": \"x\"}"]);
        var s = Suite.Parse($"jsonl:verbatim:{path}", 1, 0, 1).Single();
        Assert.Equal("qa", s.Name);
        Assert.Equal(2, s.Items.Count);
        Assert.Equal([2, 4], s.Malformed.Select(m => m.LineNumber));
        Assert.True(s.Items[1].Evaluate("The answer is Paris.").Correct);
    }
}
