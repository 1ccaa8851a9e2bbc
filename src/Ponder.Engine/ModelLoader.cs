using LLama;
using LLama.Common;
using Microsoft.Extensions.Logging;
using Ponder.Gguf;

namespace Ponder.Engine;

/// <summary>Opens a model for the engine: Ponder's GGUF validation first (so a corrupt file fails with Ponder's
/// message before llama.cpp reads a byte of it), then llama.cpp's loader, whose failure is reported with its cause.</summary>
public static class ModelLoader
{
    public static LLamaWeights Load(EngineOptions options, ILogger logger)
    {
        Validate(options.ModelPath);
        NativeLogRouter.Install(logger);
        NativeLogRouter.ClearProblems();
        try
        {
            return LLamaWeights.LoadFromFile(Parameters(options));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = NativeLogRouter.Problems() is { Count: > 0 } lines ? string.Join(" | ", lines) : e.Message;
            throw new EngineLoadException($"{options.ModelPath}: llama.cpp could not load the model: {cause}", e);
        }
    }

    /// <summary>Throws <see cref="GgufFormatException"/> for anything Ponder can see is wrong with the file.</summary>
    public static void Validate(string path)
    {
        using var file = GgufFile.Open(path);
        if (file.Metadata.GetStringOrDefault("general.architecture") == LlamaHeader.Architecture)
            LlamaHeader.Read(file);
    }

    /// <summary>Model and context parameters: CPU only, one unified KV cache with a slot per live sequence.</summary>
    public static ModelParams Parameters(EngineOptions options) => new(options.ModelPath)
    {
        ContextSize = (uint)options.ContextSize,
        GpuLayerCount = 0,
        SeqMax = (uint)options.MaxSequences,
        KVUnified = options.UnifiedKvCache, // forks share prompt cells only in a unified cache
        BatchSize = (uint)options.BatchSize,
        UBatchSize = (uint)options.BatchSize,
        Threads = options.EffectiveThreads,
        BatchThreads = options.EffectiveThreads,
        FlashAttention = options.FlashAttention, // null: llama.cpp decides
    };
}
