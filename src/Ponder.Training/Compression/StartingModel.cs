using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using static TorchSharp.torch;

namespace Ponder.Training.Compression;

/// <summary>The model compression starts from (--from): a GGUF file, or an SFT run directory, whose newest good
/// checkpoint is used (falling back past a damaged one, as training's resume does) or, without checkpoints, its
/// model.gguf. It must speak Ponder's vocabulary and chat format, since compression samples in that format and exports
/// with that vocabulary. Every failure is a <see cref="TrainConfigException"/> naming --from and what is wrong.</summary>
public static class StartingModel
{
    public static LlamaModel Load(string from, TextWriter log)
    {
        if (Directory.Exists(from)) return FromRunDirectory(from, log);
        if (!File.Exists(from))
            throw new TrainConfigException($"--from {from}: no such file or directory; give an SFT run directory (ponder train --out) or a model.gguf.");
        return FromGguf(from);
    }

    static LlamaModel FromGguf(string path)
    {
        try
        {
            using var file = GgufFile.Open(path);
            var vocabulary = LlamaVocabulary.FromMetadata(file.Metadata);
            var ponder = PonderVocabulary.Build();
            if (!vocabulary.Tokens.SequenceEqual(ponder.Tokens))
                throw new TrainConfigException($"--from {path}: its vocabulary ({vocabulary.Count} tokens) is not Ponder's ({ponder.Count}); compression trains Ponder models only.");
            return LlamaModel.Load(file);
        }
        catch (GgufFormatException e)
        {
            throw new TrainConfigException($"--from {path}: not a valid GGUF file: {e.Message}");
        }
        catch (IOException e)
        {
            throw new TrainConfigException($"--from {path}: cannot be read: {e.Message}");
        }
    }

    static LlamaModel FromRunDirectory(string directory, TextWriter log)
    {
        var configFile = Path.Combine(directory, "config.json");
        if (File.Exists(configFile) && File.ReadAllText(configFile).Contains("\"GroupSize\"", StringComparison.Ordinal))
            throw new TrainConfigException($"--from {directory} is a compression run; pass its model.gguf as --from, or continue it with --out {directory} --resume.");
        var store = new CheckpointStore(directory, log);
        Checkpoint? checkpoint;
        try { checkpoint = store.LoadLatest(); }
        catch (InvalidDataException e) { throw new TrainConfigException($"--from {directory}: {e.Message}"); }
        if (checkpoint is null)
        {
            var gguf = Path.Combine(directory, "model.gguf");
            if (File.Exists(gguf)) return FromGguf(gguf);
            throw new TrainConfigException($"--from {directory} holds no checkpoint (ckpt-*.bin) and no model.gguf; is it a ponder train --out directory?");
        }
        log.WriteLine($"starting model: {Path.GetFileName(store.PathFor(checkpoint.Step))} of {directory} (SFT step {checkpoint.Step}).");
        var config = LlamaConfig.FromDepth(checkpoint.Config.Depth, PonderVocabulary.Build().Count, checkpoint.Config.Context);
        CheckHeadLayout(config, directory);
        var model = new LlamaModel(config);
        Copy(model, checkpoint.Tensors, "model.", $"--from {directory}");
        return model;
    }

    /// <summary>A checkpoint stores the depth, not the head layout, which <see cref="LlamaConfig.FromDepth"/> derives and
    /// which has changed before (64-wide heads became 32-wide with the same tensor shapes): a checkpoint from an older
    /// Ponder would load without error and compute nonsense. The run's exported model.gguf, when present, records the
    /// layout it was trained with, so a mismatch is caught here.</summary>
    static void CheckHeadLayout(LlamaConfig derived, string directory)
    {
        var gguf = Path.Combine(directory, "model.gguf");
        if (!File.Exists(gguf)) return;
        LlamaConfig exported;
        try
        {
            using var file = GgufFile.Open(gguf);
            exported = LlamaConfig.FromHeader(LlamaHeader.Read(file));
        }
        catch (GgufFormatException) { return; } // the checkpoint is what is loaded; a damaged export is not our concern
        if (exported.Heads != derived.Heads || exported.KvHeads != derived.KvHeads || exported.HeadDim != derived.HeadDim)
            throw new TrainConfigException($"--from {directory}: its model.gguf has {exported.Heads} heads of {exported.HeadDim} ({exported.KvHeads} KV) but " +
                $"this Ponder derives {derived.Heads} of {derived.HeadDim} ({derived.KvHeads} KV) from the checkpoint's depth; the run was trained by an " +
                $"older Ponder, so start from {gguf} instead.");
    }

    /// <summary>Copies tensors named <paramref name="prefix"/> + parameter name into <paramref name="model"/>.</summary>
    public static void Copy(LlamaModel model, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> tensors, string prefix, string source)
    {
        foreach (var (name, p) in model.named_parameters())
        {
            if (!tensors.TryGetValue(prefix + name, out var t) || !t.Shape.SequenceEqual(p.shape))
                throw new TrainConfigException($"{source}: tensor '{prefix}{name}' is missing or has another shape; the checkpoint was written for another model.");
            HostTensors.CopyInto(p, t.Data, t.Shape);
        }
    }
}
