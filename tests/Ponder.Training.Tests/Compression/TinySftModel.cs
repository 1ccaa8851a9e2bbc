using Ponder.Training.Compression;
using Ponder.Training.Tests.Compression;

[assembly: AssemblyFixture(typeof(TinySftModel))]

namespace Ponder.Training.Tests.Compression;

/// <summary>A depth-2 model supervised on single-digit addition for 150 steps (about ten seconds), shared by every
/// compression test: weak, but right often enough (a few percent greedy, more across a group of samples) that groups
/// have reward spread, and its scratchpads vary in length (terse to elaborate) so a length penalty has something to
/// act on. Its run directory holds checkpoints and model.gguf, the two kinds of --from.</summary>
public sealed class TinySftModel : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ponder-sft-" + Guid.NewGuid().ToString("N")[..8]);
    public string Gguf => Path.Combine(Directory, "model.gguf");

    public TinySftModel()
    {
        var config = new TrainConfig(Depth: 2, Context: 256, Tasks: "addition:1", BatchTokens: 1024, MicroBatchTokens: 1024,
            Steps: 150, LearningRate: 1e-2, WarmupSteps: 5, ValidationEvery: 0, CheckpointEvery: 0, LogEvery: 1000,
            OutputDirectory: Directory, ExportType: "F32", Threads: 1);
        Trainer.Run(config, new TrainOptions(Log: TextWriter.Null));
    }

    /// <summary>A short compression run from this model into <paramref name="output"/>.</summary>
    public CompressConfig Compress(string output, int steps = 6, int checkpointEvery = 2) => new(
        From: Directory, Tasks: "addition:1", GroupSize: 8, PromptsPerStep: 4, MaxThinkingTokens: 96, MaxAnswerTokens: 12,
        Alpha: 0.5, LearningRate: 1e-4, PenaltyWarmupSteps: 0, PenaltyRampSteps: 0, MinLearningRateFraction: 1,
        Steps: steps, Seed: 3, Threads: 1, EvalEvery: 3, EvalProblems: 8,
        CheckpointEvery: checkpointEvery, LogEvery: 1000, OutputDirectory: output, ExportType: "F32");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
