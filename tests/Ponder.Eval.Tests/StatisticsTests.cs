namespace Ponder.Eval.Tests;

public sealed class StatisticsTests
{
    // Published Wilson 95% intervals (e.g. Newcombe 1998, Table I; Brown, Cai & DasGupta 2001).
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(1, 10, 0.0179, 0.4042)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    public void Wilson_interval_matches_published_values(int k, int n, double low, double high)
    {
        var (l, h) = Statistics.Wilson(k, n);
        Assert.Equal(low, l, 3);
        Assert.Equal(high, h, 3);
    }

    [Fact]
    public void Wilson_interval_of_no_trials_is_everything_and_bad_counts_are_refused()
    {
        Assert.Equal((0.0, 1.0), Statistics.Wilson(0, 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Wilson(11, 10));
        Assert.Contains("expected 0 to 10", e.Message);
    }

    [Fact]
    public void Median_takes_the_middle_or_the_mean_of_the_middle_two()
    {
        Assert.Equal(3, Statistics.Median([5, 1, 3]));
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]));
        Assert.Equal(0, Statistics.Median([]));
        Assert.Equal(2, Statistics.Mean([1, 2, 3]));
        Assert.Equal(0, Statistics.Mean([]));
    }

    static ItemRecord Item(string model, string mode, string suite, int index, bool correct, int reasoning, int answer,
        int? level = null, int agents = 1, int agreed = 0, int stopped = 0, double seconds = 1) =>
        new(ItemRecord.CellKey(model, mode, suite), model, mode, suite, index, level, level > 3, "q", "1", "r", "", correct ? "1" : null,
            correct, 10, reasoning, answer, agents, agreed, stopped, seconds);

    [Fact]
    public void Cells_aggregate_tokens_accuracy_and_contemplation()
    {
        ItemRecord[] records =
        [
            Item("m", "contemplating-4", "addition", 0, true, 100, 10, level: 1, agents: 4, agreed: 3, stopped: 1),
            Item("m", "contemplating-4", "addition", 1, false, 300, 20, level: 1, agents: 4, agreed: 1, stopped: 2),
            Item("m", "contemplating-4", "addition", 2, true, 200, 30, level: 4, agents: 4, agreed: 4, stopped: 0, seconds: 3),
        ];
        var c = EvalSummary.Cell(records[0].Cell, "m", "contemplating-4", "addition", records);
        Assert.Equal(3, c.Items);
        Assert.Equal(2, c.Correct);
        Assert.Equal(2.0 / 3, c.Accuracy, 9);
        Assert.Equal(Statistics.Wilson(2, 3), (c.AccuracyLow, c.AccuracyHigh));
        Assert.Equal(200, c.MeanReasoningTokens);
        Assert.Equal(200, c.MedianReasoningTokens);
        Assert.Equal(20, c.MeanAnswerTokens);
        Assert.Equal(660, c.OutputTokens);
        Assert.Equal(330, c.TokensPerCorrect);
        Assert.Equal(660 / 5.0, c.TokensPerSecond, 9);
        Assert.Equal(8 / 12.0, c.Agreement!.Value, 9);
        Assert.Equal(3 / 12.0, c.EarlyStopRate!.Value, 9);
        Assert.Equal([1, 4], c.Levels.Select(l => l.Level));
        Assert.Equal(0.5, c.Levels[0].Accuracy);
        Assert.True(c.Levels[1].OutOfDistribution);
    }

    [Fact]
    public void Index_is_the_mean_of_core_suite_accuracies_beside_their_tokens()
    {
        // addition: 1 of 2 correct (50%); gsm8k: 4 of 4 (100%); extra (not core): 0 of 1.
        var records = new List<ItemRecord>
        {
            Item("m", "thinking", "addition", 0, true, 10, 1), Item("m", "thinking", "addition", 1, false, 10, 1),
            Item("m", "thinking", "extra", 0, false, 1000, 1),
        };
        for (var i = 0; i < 4; i++) records.Add(Item("m", "thinking", "gsm8k", i, true, 20, 2));
        var s = EvalSummary.From(records, ["m"], ["thinking", "instant"], ["addition", "gsm8k", "extra"], ["addition", "gsm8k"], 20, 10, 100);
        var row = s.Index.Single(r => r.Mode == "thinking");
        Assert.Equal(0.75, row.Index, 9); // each suite counts once, not pooled (pooled would be 5/6)
        Assert.Equal(2 * 11 + 4 * 22, row.OutputTokens);
        Assert.Equal(6, row.Items);
        Assert.True(row.Complete);
        var empty = s.Index.Single(r => r.Mode == "instant");
        Assert.False(empty.Complete);
        Assert.Equal(0, empty.Items);
        Assert.Null(s.Cells.Single(c => c.Mode == "thinking" && c.Suite == "addition").Agreement);
        Assert.Equal(6, s.Cells.Count);
        Assert.Equal(10, s.OutputTokensPerSecond);
    }

    [Fact]
    public void The_report_pools_task_suites_into_trained_levels_and_levels_beyond_training_with_reasoning_tokens_per_correct_answer()
    {
        // Levels above 3 are out of distribution (see Item): trained 3 of 4 correct, beyond 1 of 2. A wrong reply's long
        // thought counts per item but not per correct answer.
        var records = new List<ItemRecord>
        {
            Item("m", "thinking", "addition", 0, true, 10, 1, level: 1), Item("m", "thinking", "addition", 1, true, 20, 1, level: 3),
            Item("m", "thinking", "comparison", 0, true, 30, 1, level: 2), Item("m", "thinking", "comparison", 1, false, 100, 1, level: 2),
            Item("m", "thinking", "addition", 2, true, 6, 1, level: 5), Item("m", "thinking", "comparison", 2, false, 50, 1, level: 4),
        };
        var s = EvalSummary.From(records, ["m"], ["thinking"], ["addition", "comparison"], ["addition", "comparison"], 20, 10, 100);
        var (low, high) = Statistics.Wilson(3, 4);
        var (oodLow, oodHigh) = Statistics.Wilson(1, 2);
        Assert.Contains($"| m | thinking | 4 | 75.0% | {100 * low:F1}%–{100 * high:F1}% | 40.0 | 20.0 | 2 | 50.0% | {100 * oodLow:F1}%–{100 * oodHigh:F1}% | 28.0 | 6.0 |",
            MarkdownReport.Render(s));
    }

    [Fact]
    public void A_summary_counts_only_the_cells_of_its_own_grid_when_the_folder_holds_more()
    {
        var records = new List<ItemRecord>
        {
            Item("m", "thinking", "addition", 0, true, 10, 1), Item("m", "instant", "addition", 0, true, 0, 1),
            Item("other", "thinking", "addition", 0, false, 10, 1),
        };
        var s = EvalSummary.From(records, ["m"], ["thinking"], ["addition"], ["addition"], 1, 10, 100);
        Assert.Equal(1, s.ItemsDone);
        Assert.Single(s.Cells);
        Assert.Equal(1.0, s.Index.Single().Index);
    }

    [Fact]
    public void Contemplating_agents_may_sample_while_single_answer_modes_are_greedy()
    {
        var config = new EvalConfig(["addition"], [ModeSpec.Parse("thinking"), ModeSpec.Parse("contemplating-4")], [],
            Temperature: 0, AgentTemperature: 0.7f);
        Assert.Equal(0f, config.TemperatureFor(ModeSpec.Parse("thinking")));
        Assert.Equal(0.7f, config.TemperatureFor(ModeSpec.Parse("contemplating-4")));
        Assert.Equal(0.7f, (config with { AgentTemperature = null, Temperature = 0.7f }).TemperatureFor(ModeSpec.Parse("contemplating-4")));
        var suites = Suite.Parse("addition", 1, 0, 1);
        Assert.NotEqual(config.Fingerprint(suites), (config with { AgentTemperature = 1f }).Fingerprint(suites));
    }
}
