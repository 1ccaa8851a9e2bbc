using Ponder.Model.Llama;

namespace Ponder.Training;

/// <summary>A deliberately generous estimate of a run's peak memory, checked against available RAM before anything
/// is allocated, so an impossible configuration fails at once with advice rather than minutes later in the OOM killer.
/// Parameters cost 16 bytes each (weights, gradients, two AdamW moments, F32); activations kept for backward are
/// counted per token of the largest micro-batch, attention scores at the full context, logits three times
/// (logits, log-softmax, gradient); the sum is padded by half for allocator slack.</summary>
public sealed record MemoryEstimate(long ParameterBytes, long ActivationBytes, long AvailableBytes)
{
    public long TotalBytes => (long)((ParameterBytes + ActivationBytes) * 1.5);
    public bool Fits => TotalBytes <= AvailableBytes;

    public static MemoryEstimate For(TrainConfig config, LlamaConfig model, long? availableBytes = null)
    {
        long tokens = config.MicroBatchLimit;
        long perLayerPerToken = 12L * model.Dim + 5L * model.FeedForward + 3L * model.Heads * config.Context;
        var activations = 4 * tokens * (model.Blocks * perLayerPerToken + 3L * model.VocabSize);
        return new MemoryEstimate(16 * model.ParameterCount, activations, availableBytes ?? AvailableMemory());
    }

    public void EnsureFits()
    {
        if (!Fits)
            throw new TrainConfigException(
                $"this configuration needs about {Gb(TotalBytes)} (parameters and optimiser {Gb(ParameterBytes)}, activations {Gb(ActivationBytes)}) " +
                $"but only {Gb(AvailableBytes)} is available; lower --depth, --micro-batch-tokens or --context.");
    }

    static string Gb(long bytes) => $"{bytes / 1e9:F1} GB";

    /// <summary>MemAvailable from /proc/meminfo on Linux, else what the runtime reports.</summary>
    public static long AvailableMemory()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
