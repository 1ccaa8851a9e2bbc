using Ponder.Training;

namespace Ponder.Training.Tests;

/// <summary>A depth-2 run small enough for a unit test (a step takes tens of milliseconds), in its own temporary
/// directory that is deleted afterwards.</summary>
public sealed class TinyRun : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ponder-train-" + Guid.NewGuid().ToString("N")[..8]);
    public StringWriter Log { get; } = new();

    public TrainConfig Config(int steps = 8, int checkpointEvery = 3) => new(
        Depth: 2, Context: 256, Tasks: "addition:1-2", BatchTokens: 512, MicroBatchTokens: 512,
        Steps: steps, LearningRate: 1e-2, WarmupSteps: 2, ValidationEvery: 0, CheckpointEvery: checkpointEvery,
        LogEvery: 1000, OutputDirectory: Directory, ExportType: "F32", Threads: 1);

    public TrainResult Run(TrainConfig config, bool resume = false, int? stopAfter = null) =>
        Trainer.Run(config, new TrainOptions(Resume: resume, StopAfterStep: stopAfter, Log: Log));

    /// <summary>The model weights and AdamW moments of the newest checkpoint.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> LatestTensors() =>
        Checkpoint.Read(new CheckpointStore(Directory, TextWriter.Null).List()[0]).Tensors;

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
