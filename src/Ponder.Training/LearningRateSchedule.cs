namespace Ponder.Training;

/// <summary>Linear warm-up from 0 to the peak over WarmupSteps, then cosine decay to peak·MinLearningRateFraction
/// at the last step.</summary>
public static class LearningRateSchedule
{
    public static double At(TrainConfig c, int step)
    {
        if (step < c.WarmupSteps) return c.LearningRate * (step + 1) / c.WarmupSteps;
        var decaySteps = Math.Max(1, c.Steps - c.WarmupSteps);
        var progress = Math.Min(1.0, (double)(step - c.WarmupSteps) / decaySteps);
        var floor = c.LearningRate * c.MinLearningRateFraction;
        return floor + (c.LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
