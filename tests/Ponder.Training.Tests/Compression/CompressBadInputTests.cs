using Ponder.Model.Llama;
using Ponder.Training.Compression;

namespace Ponder.Training.Tests.Compression;

public sealed class CompressBadInputTests(TinySftModel sft) : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "ponder-compress-bad-" + Guid.NewGuid().ToString("N")[..8]);

    TrainConfigException Refused(CompressConfig config, bool resume = false) =>
        Assert.Throws<TrainConfigException>(() => Compressor.Run(config, new TrainOptions(Resume: resume, Log: TextWriter.Null)));

    CompressConfig Config(string from) => sft.Compress(Path.Combine(directory, "out"), steps: 1) with { From = from };

    [Fact]
    public void A_missing_from_is_named_with_what_it_should_be()
    {
        var e = Refused(Config(Path.Combine(directory, "nowhere.gguf")));
        Assert.Contains("--from", e.Message);
        Assert.Contains("no such file or directory; give an SFT run directory", e.Message);
    }

    [Fact]
    public void A_corrupt_gguf_is_refused_as_not_a_valid_gguf()
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "broken.gguf");
        File.WriteAllBytes(path, [.. "GGUF"u8, 3, 0, 0, 0, 0xFF, 0xFF]);
        var e = Refused(Config(path));
        Assert.Contains($"--from {path}: not a valid GGUF file", e.Message);
    }

    [Fact]
    public void A_directory_that_is_no_training_run_is_refused()
    {
        Directory.CreateDirectory(directory);
        var e = Refused(Config(directory));
        Assert.Contains("holds no checkpoint (ckpt-*.bin) and no model.gguf", e.Message);
    }

    [Fact]
    public void An_sft_directory_whose_every_checkpoint_is_corrupt_is_refused_with_advice()
    {
        var copy = Path.Combine(directory, "sft");
        Directory.CreateDirectory(copy);
        var checkpoint = new CheckpointStore(sft.Directory, TextWriter.Null).List()[0];
        File.WriteAllBytes(Path.Combine(copy, Path.GetFileName(checkpoint)), File.ReadAllBytes(checkpoint)[..1000]);
        var e = Refused(Config(copy));
        Assert.Contains("every checkpoint", e.Message);
    }

    [Fact]
    public void A_checkpoint_whose_run_exported_another_head_layout_is_refused_rather_than_loaded_wrongly()
    {
        // The run's export records 64-wide heads, as runs did before heads became 32-wide; the checkpoint only its depth.
        var copy = Path.Combine(directory, "old-sft");
        Directory.CreateDirectory(copy);
        var checkpoint = new CheckpointStore(sft.Directory, TextWriter.Null).List()[0];
        File.Copy(checkpoint, Path.Combine(copy, Path.GetFileName(checkpoint)));
        LlamaConfig derived;
        using (var current = LlamaModel.Load(sft.Gguf)) derived = current.Config;
        var older = derived with { Heads = derived.Heads * derived.HeadDim / 64, KvHeads = 1, HeadDim = 64, RopeDims = 64 };
        Assert.NotEqual((derived.Heads, derived.HeadDim), (older.Heads, older.HeadDim));
        using (var model = LlamaModel.Random(older, seed: 1)) ModelExport.Save(model, Path.Combine(copy, "model.gguf"), Gguf.GgmlType.F32);

        var e = Refused(Config(copy));
        Assert.Contains("the run was trained by an older Ponder, so start from", e.Message);
    }

    [Fact]
    public void An_unknown_task_is_refused_listing_the_valid_ones()
    {
        var e = Refused(Config(sft.Gguf) with { Tasks = "adition" });
        Assert.Contains("Unknown task 'adition'. Valid tasks:", e.Message);
    }

    [Fact]
    public void A_thinking_budget_beyond_the_models_context_is_refused()
    {
        var e = Refused(Config(sft.Gguf) with { MaxThinkingTokens = 4000 });
        Assert.Contains("exceeds the model's context of 256; lower --max-thinking-tokens", e.Message);
    }

    [Fact]
    public void Starting_over_a_run_that_has_checkpoints_needs_resume_and_a_compression_run_is_no_starting_point()
    {
        var output = Path.Combine(directory, "out");
        Compressor.Run(Config(sft.Directory) with { CheckpointEvery = 1, EvalProblems = 0 }, new TrainOptions(Log: TextWriter.Null));
        Assert.Contains("pass --resume", Refused(Config(sft.Directory)).Message);
        var e = Refused(Config(output) with { OutputDirectory = Path.Combine(directory, "second") });
        Assert.Contains("is a compression run; pass its model.gguf as --from", e.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
