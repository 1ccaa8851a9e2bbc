using Ponder.Gguf;
using Ponder.Model.Llama;

namespace Ponder.Training.Tests;

public sealed class TrainerTests
{
    [Fact]
    public void Loss_decreases_on_a_tiny_addition_task()
    {
        using var run = new TinyRun();
        var result = run.Run(run.Config(steps: 15, checkpointEvery: 0));
        var losses = result.Metrics.Steps.Select(s => s.Loss).ToArray();
        Assert.True(losses[0] > 5.5, $"first loss {losses[0]} should be near ln(vocab) ≈ 6.1");
        Assert.True(losses[^3..].Average() < losses[0] - 2, $"loss went {losses[0]:F3} → {losses[^1]:F3}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses_and_weights()
    {
        using var a = new TinyRun();
        using var b = new TinyRun();
        var first = a.Run(a.Config(steps: 4, checkpointEvery: 4));
        var second = b.Run(b.Config(steps: 4, checkpointEvery: 4));
        Assert.Equal(first.Metrics.Steps.Select(s => s.Loss), second.Metrics.Steps.Select(s => s.Loss));
        TensorAssert.Same(a.LatestTensors(), b.LatestTensors());
    }

    [Fact]
    public void A_killed_run_resumes_from_its_last_checkpoint_and_ends_exactly_as_an_uninterrupted_one()
    {
        using var whole = new TinyRun();
        using var killed = new TinyRun();
        var uninterrupted = whole.Run(whole.Config(steps: 6, checkpointEvery: 2));
        // Killed after step 5: checkpoints exist for steps 2 and 4, step 5's work is lost.
        var partial = killed.Run(killed.Config(steps: 6, checkpointEvery: 2), stopAfter: 5);
        Assert.False(partial.Completed);
        Assert.Equal(["ckpt-0000004.bin", "ckpt-0000002.bin"], new CheckpointStore(killed.Directory, TextWriter.Null).List().Select(Path.GetFileName));

        var resumed = killed.Run(killed.Config(steps: 6, checkpointEvery: 2), resume: true);
        Assert.Contains("resuming from ckpt-0000004.bin (step 4)", killed.Log.ToString());
        Assert.Equal(uninterrupted.Metrics.Steps.Select(s => s.Loss), resumed.Metrics.Steps.Select(s => s.Loss));
        TensorAssert.Same(whole.LatestTensors(), killed.LatestTensors());
    }

    [Fact]
    public void A_truncated_checkpoint_is_detected_and_the_previous_one_is_used()
    {
        using var whole = new TinyRun();
        using var damaged = new TinyRun();
        whole.Run(whole.Config(steps: 6, checkpointEvery: 2));
        damaged.Run(damaged.Config(steps: 6, checkpointEvery: 2), stopAfter: 5);
        var newest = new CheckpointStore(damaged.Directory, TextWriter.Null).PathFor(4);
        using (var f = new FileStream(newest, FileMode.Open)) f.SetLength(f.Length / 2);

        var resumed = damaged.Run(damaged.Config(steps: 6, checkpointEvery: 2), resume: true);
        var log = damaged.Log.ToString();
        Assert.Contains("checkpoint", log);
        Assert.Contains("is corrupt", log);
        Assert.Contains("falling back to ckpt-0000002.bin", log);
        Assert.Contains("resuming from ckpt-0000002.bin (step 2)", log);
        Assert.Equal(6, resumed.Step);
        TensorAssert.Same(whole.LatestTensors(), damaged.LatestTensors());
    }

    [Fact]
    public void The_finished_run_exports_a_gguf_with_the_vocabulary_and_chat_template_and_writes_curves()
    {
        using var run = new TinyRun();
        var result = run.Run(run.Config(steps: 2, checkpointEvery: 0) with
        {
            ValidationEvery = 2, ValidationProblems = 2, MaxThinkingTokens = 4, MaxAnswerTokens = 4, ExportType = "Q8_0",
        });
        Assert.Equal(2, result.Metrics.Validations.Single().Step);
        using (var file = GgufFile.Open(result.ModelPath!))
        {
            Assert.True(file.Metadata.TryGet("tokenizer.chat_template", out _));
            Assert.True(file.Metadata.TryGet("tokenizer.ggml.tokens", out _));
        }
        using var model = LlamaModel.Load(result.ModelPath!);
        Assert.Equal(2, model.Config.Blocks);
        foreach (var name in new[] { "metrics.csv", "loss.png", "accuracy.png", "config.json" })
            Assert.True(File.Exists(Path.Combine(run.Directory, name)), name);
        var csv = File.ReadAllLines(Path.Combine(run.Directory, "metrics.csv"));
        // Thinking accuracy per task follows the totals, one column per task of the mix (here addition alone).
        Assert.Equal("step,loss,lr,tokens_per_s,grad_norm,val_instant_acc,val_thinking_acc,val_thinking_acc_addition", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.Equal(run.Config(steps: 2, checkpointEvery: 0) with
        {
            ValidationEvery = 2, ValidationProblems = 2, MaxThinkingTokens = 4, MaxAnswerTokens = 4, ExportType = "Q8_0",
        }, TrainConfig.FromJson(File.ReadAllText(Path.Combine(run.Directory, "config.json"))));
    }
}
