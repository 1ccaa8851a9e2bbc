namespace Ponder.Training;

/// <summary>One logged optimiser step.</summary>
public sealed record StepMetrics(int Step, double Loss, double LearningRate, double TokensPerSecond, double GradientNorm);

/// <summary>Greedy validation accuracy per mode after <paramref name="Step"/> steps, and Thinking accuracy per task.</summary>
public sealed record ValidationMetrics(int Step, double InstantAccuracy, double ThinkingAccuracy, double SecondsTaken,
    IReadOnlyDictionary<string, double>? ThinkingByTask = null);

/// <summary>What a run has measured so far; checkpointed with the weights so curves survive a resume.</summary>
public sealed class TrainingMetrics
{
    public List<StepMetrics> Steps { get; init; } = [];
    public List<ValidationMetrics> Validations { get; init; } = [];

    /// <summary>Drops everything after <paramref name="step"/> (a resumed run recomputes it).</summary>
    public void TruncateAfter(int step)
    {
        Steps.RemoveAll(s => s.Step > step);
        Validations.RemoveAll(v => v.Step > step);
    }
}
