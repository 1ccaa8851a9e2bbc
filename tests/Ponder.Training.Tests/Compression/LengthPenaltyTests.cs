using Ponder.Training.Compression;

namespace Ponder.Training.Tests.Compression;

public sealed class LengthPenaltyTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "ponder-length-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void A_strong_length_penalty_shortens_the_reasoning_of_an_sft_model_more_than_plain_correctness_rewards()
    {
        // A depth-2 model supervised for 100 steps on one-operator boolean logic: right about half the time whatever it
        // writes, with scratchpads of 20 to 200 tokens (terse to elaborate), so shortening costs it no accuracy.
        var sft = Path.Combine(directory, "sft");
        Trainer.Run(new TrainConfig(Depth: 2, Context: 256, Tasks: "boolean-logic:1", ThinkingFraction: 1, BatchTokens: 1024,
            MicroBatchTokens: 1024, Steps: 100, LearningRate: 1e-2, WarmupSteps: 5, ValidationEvery: 0, CheckpointEvery: 0,
            LogEvery: 1000, OutputDirectory: sft, ExportType: "F32", Threads: 1), new TrainOptions(Log: TextWriter.Null));

        CompressResult Run(double alpha) => Compressor.Run(new CompressConfig(From: sft, Tasks: "boolean-logic:1", GroupSize: 8,
            PromptsPerStep: 8, MaxThinkingTokens: 160, MaxAnswerTokens: 12, Alpha: alpha, PenaltyWarmupSteps: 0, PenaltyRampSteps: 0,
            LearningRate: 1e-3, MinLearningRateFraction: 1, Steps: 8, Seed: 1,
            Threads: 1, EvalProblems: 0, CheckpointEvery: 0, OutputDirectory: Path.Combine(directory, $"alpha-{alpha}"), ExportType: "F32"),
            new TrainOptions(Log: TextWriter.Null));

        // Both runs see the same prompts and sampling seeds; only the reward differs. Rewarding correctness alone also
        // shortens (long traces fail to close more often), so the penalty must beat that, not merely shorten.
        var penalised = Run(alpha: 1).Metrics.Steps;
        var plain = Run(alpha: 0).Metrics.Steps;
        var start = penalised[0].MeanReasoningTokens;
        Assert.Equal(start, plain[0].MeanReasoningTokens); // step 1 samples the SFT model in both
        var penalisedEnd = penalised[^3..].Average(s => s.MeanReasoningTokens);
        var plainEnd = plain[^3..].Average(s => s.MeanReasoningTokens);
        Assert.True(penalisedEnd < 0.65 * start, $"with α = 1 reasoning went {start:F1} → {penalisedEnd:F1} tokens");
        Assert.True(penalisedEnd < 0.75 * plainEnd, $"with α = 1 {penalisedEnd:F1} tokens, with α = 0 {plainEnd:F1}");
        Assert.True(penalised[^3..].Average(s => s.Accuracy) > 0.25, "the penalty should not cost all accuracy");
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
