using Ponder.Model.Llama;

namespace Ponder.Training.Tests;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("adition", "Unknown task 'adition'. Valid tasks:")]
    [InlineData("addition:0-3", "has no level 0")]
    [InlineData("addition:1-99", "has no level 99")]
    [InlineData("addition:1-7", "held out for out-of-distribution evaluation")]
    [InlineData("addition:4-2", "the level range is empty")]
    [InlineData("addition:x", "levels must be N or MIN-MAX")]
    [InlineData(" ", "the task list is empty")]
    [InlineData("addition*0", "the weight after '*' must be a number above 0")]
    [InlineData("addition:1-2*x", "the weight after '*' must be a number above 0")]
    [InlineData("addition*-1", "the weight after '*' must be a number above 0")]
    public void A_bad_task_list_is_refused_with_the_reason(string spec, string message)
    {
        var e = Assert.Throws<TrainConfigException>(() => TaskMix.Parse(spec));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void All_means_every_task_at_its_trained_levels()
    {
        var mix = TaskMix.Parse("all");
        Assert.Equal(7, mix.Entries.Count);
        Assert.All(mix.Entries, e => Assert.Equal(e.Task.Levels.MaxTrained, e.MaxLevel));
    }

    [Theory]
    [InlineData("depth", "depth 1 is out of range")]
    [InlineData("lr", "learning rate -1 must be in (0, 1)")]
    [InlineData("micro", "cannot hold one 1024-token sequence")]
    [InlineData("export", "export type 'Q4_K' is not supported")]
    [InlineData("fraction", "thinking fraction 1.5 must be between 0 and 1")]
    [InlineData("dataset", "dataset file not found")]
    [InlineData("optimizer", "optimiser 'sgd' is not known; use adamw or muon")]
    [InlineData("momentum", "Muon momentum 1 must be in [0, 1)")]
    [InlineData("decay", "learning-rate decay 'step' is not known; use cosine or linear")]
    public void An_invalid_setting_is_refused_naming_it(string which, string message)
    {
        var c = new TrainConfig();
        c = which switch
        {
            "depth" => c with { Depth = 1 },
            "lr" => c with { LearningRate = -1 },
            "micro" => c with { MicroBatchTokens = 100 },
            "export" => c with { ExportType = "Q4_K" },
            "fraction" => c with { ThinkingFraction = 1.5 },
            "optimizer" => c with { Optimizer = "sgd" },
            "momentum" => c with { MuonMomentum = 1 },
            "decay" => c with { Decay = "step" },
            _ => c with { Dataset = "/nonexistent/data.jsonl" },
        };
        var e = Assert.Throws<TrainConfigException>(c.Validate);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_config_that_cannot_fit_in_memory_is_refused_before_training()
    {
        var config = new TrainConfig(Depth: 48, Context: 4096, MicroBatchTokens: 65536);
        var estimate = MemoryEstimate.For(config, LlamaConfig.FromDepth(48, 457, 4096), availableBytes: 8L << 30);
        Assert.False(estimate.Fits);
        var e = Assert.Throws<TrainConfigException>(estimate.EnsureFits);
        Assert.Contains("lower --depth, --micro-batch-tokens or --context", e.Message);
        Assert.True(MemoryEstimate.For(new TrainConfig(), LlamaConfig.FromDepth(4, 457, 1024), availableBytes: 8L << 30).Fits);
    }

    [Fact]
    public void Starting_over_a_run_that_has_checkpoints_needs_resume()
    {
        using var run = new TinyRun();
        run.Run(run.Config(steps: 1, checkpointEvery: 1));
        var e = Assert.Throws<TrainConfigException>(() => run.Run(run.Config(steps: 2)));
        Assert.Contains("pass --resume", e.Message);
    }

    [Fact]
    public void Malformed_dataset_lines_are_reported_by_number_and_skipped_or_stop_the_run()
    {
        using var run = new TinyRun();
        Directory.CreateDirectory(run.Directory);
        var path = Path.Combine(run.Directory, "data.jsonl");
        File.WriteAllLines(path, [
            """{"question": "Tom has 2 apples and buys 3. How many?", "answer": "2 + 3 = 5\n#### 5"}""",
            """{"question": "broken", """,
            """{"question": "Ann has 4 pens and loses 1. How many?", "answer": "4 - 1 = 3\n#### 3"}""",
        ]);
        var config = run.Config(steps: 1, checkpointEvery: 0) with { Dataset = path, OutputDirectory = Path.Combine(run.Directory, "skip") };
        run.Run(config, stopAfter: 1);
        Assert.Contains("line 2: invalid JSON", run.Log.ToString());
        Assert.Contains("2 items, 1 malformed lines skipped", run.Log.ToString());

        var e = Assert.Throws<TrainConfigException>(() => run.Run(config with { StopOnMalformedLines = true, OutputDirectory = Path.Combine(run.Directory, "stop") }));
        Assert.Contains("line 2", e.Message);
    }
}
