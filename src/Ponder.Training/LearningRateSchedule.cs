namespace Ponder.Training;

/// <summary>Linear warm-up from 0 to the peak over WarmupSteps, then cosine decay to peak·MinLearningRateFraction
/// at the last step.</summary>
public static class LearningRateSchedule
{
    public static double At(TrainConfig c, int step) => At(c.LearningRate, c.WarmupSteps, c.Steps, c.MinLearningRateFraction, step);

    public static double At(double peak, int warmupSteps, int steps, double minFraction, int step)
    {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        var decaySteps = Math.Max(1, steps - warmupSteps);
        var progress = Math.Min(1.0, (double)(step - warmupSteps) / decaySteps);
        var floor = peak * minFraction;
        return floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
