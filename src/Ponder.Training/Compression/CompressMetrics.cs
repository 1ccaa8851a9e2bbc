namespace Ponder.Training.Compression;

/// <summary>One RL step, measured on its own samples (Thinking mode, temperature sampling). Reward and Accuracy are
/// means over every sample; reasoning tokens are per sample and per correct sample (NaN when none is correct); Entropy
/// is the policy's mean entropy (nats) over the completion tokens trained on; GroupsSkipped counts groups with no
/// reward spread; TokensPerSecond is sampled tokens per second of sampling; Alpha is the penalty weight in force.
/// Seconds are wall-clock; CpuSeconds is the process's CPU time over the step (on a shared machine the honest cost).</summary>
public sealed record CompressStepMetrics(int Step, double Reward, double Accuracy, double MeanReasoningTokens,
    double MeanReasoningTokensCorrect, double MeanAnswerTokens, double Entropy, int GroupsSkipped, int Groups,
    double Loss, double GradientNorm, double Kl, double Alpha, double TokensPerSecond, double SampleSeconds, double StepSeconds,
    double CpuSeconds);

/// <summary>Greedy evaluation on the fixed validation set after <paramref name="Step"/> steps (step 0 = the SFT model).</summary>
public sealed record CompressEvalMetrics(int Step, double ThinkingAccuracy, double MeanReasoningTokens,
    double MeanReasoningTokensCorrect, double InstantAccuracy, double SecondsTaken);

/// <summary>What a compression run has measured so far; checkpointed with the weights so curves survive a resume.</summary>
public sealed class CompressMetrics
{
    public List<CompressStepMetrics> Steps { get; init; } = [];
    public List<CompressEvalMetrics> Evaluations { get; init; } = [];

    /// <summary>The SFT model's evaluation (step 0), once measured.</summary>
    public CompressEvalMetrics? Baseline => Evaluations.FirstOrDefault(e => e.Step == 0);

    /// <summary>Drops everything after <paramref name="step"/> (a resumed run recomputes it).</summary>
    public void TruncateAfter(int step)
    {
        Steps.RemoveAll(s => s.Step > step);
        Evaluations.RemoveAll(v => v.Step > step);
    }
}
