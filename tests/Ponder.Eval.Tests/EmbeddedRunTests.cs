using System.Text.Json;

namespace Ponder.Eval.Tests;

/// <summary>The whole grid on a tiny random-weight Ponder model in the embedded engine.</summary>
public sealed class EmbeddedRunTests
{
    [Fact]
    public async Task A_grid_run_writes_items_summary_table_and_plots_and_a_rerun_adds_nothing()
    {
        var dir = TinyModels.TempFolder("embedded");
        var dataset = Path.Combine(dir, "qa.jsonl");
        File.WriteAllLines(dataset, ["{\"question\": \"What is 2 + 2?\", \"answer\": \"4\"}", "{\"question\": \"What is 3 + 5?\", \"answer\": \"8\"}"]);
        var output = Path.Combine(dir, "out");
        var config = new EvalConfig(["comparison", $"jsonl:verbatim:{dataset}"],
            [ModeSpec.Parse("instant"), ModeSpec.Parse("thinking@8"), ModeSpec.Parse("contemplating-2@8")],
            [ModelSpec.Embedded(TinyModels.Ponder)], CountPerLevel: 1, MaxAnswerTokens: 6, Concurrency: 3, Output: output,
            CoreSuites: ["comparison"]);
        var suites = config.Suites.SelectMany(s => Suite.Parse(s, 1, 0, 1)).ToList();
        var planned = 3 * suites.Sum(s => s.Items.Count);

        var summary = await new EvalRunner(config, suites, new ProgressLine(TextWriter.Null), TextWriter.Null).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(planned, summary.ItemsDone);
        Assert.Equal(3, summary.Index.Count);
        Assert.All(summary.Index, r => Assert.True(r.Complete));
        var thinking = summary.Cells.Single(c => c.Mode == "thinking@8" && c.Suite == "comparison");
        Assert.InRange(thinking.MeanReasoningTokens, 1, 8);
        Assert.Equal(0, summary.Cells.Single(c => c.Mode == "instant" && c.Suite == "qa").MeanReasoningTokens);
        var contemplating = summary.Cells.Single(c => c.Mode == "contemplating-2@8" && c.Suite == "qa");
        Assert.NotNull(contemplating.Agreement);
        Assert.NotNull(contemplating.EarlyStopRate);
        Assert.NotEmpty(thinking.Levels);

        foreach (var file in new[] { RunFolder.ConfigFile, EvalRunner.SummaryJson, EvalRunner.SummaryMarkdown, Plots.FrontierFile, Plots.LevelsFile })
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
        var png = File.ReadAllBytes(Path.Combine(output, Plots.FrontierFile));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var md = File.ReadAllText(Path.Combine(output, EvalRunner.SummaryMarkdown));
        Assert.Contains("| model | mode | index", md);
        Assert.Contains("contemplating-2@8", md);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, EvalRunner.SummaryJson)));
        Assert.Equal(planned, json.RootElement.GetProperty("items_done").GetInt32());
        var items = File.ReadAllLines(Path.Combine(output, RunFolder.ItemsFile));
        Assert.Equal(planned, items.Length);
        Assert.Contains("\"cell\":", items[0]);
        Assert.Contains("\"reasoning_tokens\":", items[0]);

        var again = await new EvalRunner(config, suites, new ProgressLine(TextWriter.Null), TextWriter.Null).RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(planned, again.ItemsDone);
        Assert.Equal(items, File.ReadAllLines(Path.Combine(output, RunFolder.ItemsFile)));
        Assert.Equal(summary.Index.Select(r => (r.Index, r.OutputTokens)), again.Index.Select(r => (r.Index, r.OutputTokens)));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_replies()
    {
        var dir = TinyModels.TempFolder("seeded");
        async Task<string[]> Run(string name)
        {
            var config = new EvalConfig(["boolean-logic"], [ModeSpec.Parse("thinking@6")], [ModelSpec.Embedded(TinyModels.Ponder)],
                CountPerLevel: 1, MaxAnswerTokens: 6, Concurrency: 1, Output: Path.Combine(dir, name));
            await new EvalRunner(config, Suite.Parse("boolean-logic", 1, 0, 1), new ProgressLine(TextWriter.Null), TextWriter.Null)
                .RunAsync(TestContext.Current.CancellationToken);
            return File.ReadAllLines(Path.Combine(config.Output, RunFolder.ItemsFile))
                .Select(l => JsonSerializer.Deserialize<ItemRecord>(l, ItemRecord.Json)!).Select(r => r.Reasoning + "|" + r.Reply).ToArray();
        }
        Assert.Equal(await Run("a"), await Run("b"));
    }
}
