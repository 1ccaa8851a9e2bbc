namespace Ponder.Training;

/// <summary>Linear warm-up from 0 to the peak over WarmupSteps, then decay to peak·MinLearningRateFraction at the last
/// step: by cosine, or linearly ("linear" with a floor of 0 is the decay-to-zero schedule, which at many tokens per
/// parameter beats cosine to a tenth; Bergsma et al. 2025, "Straight to Zero").</summary>
public static class LearningRateSchedule
{
    public const string CosineName = "cosine", LinearName = "linear";

    public static double At(TrainConfig c, int step) =>
        At(c.LearningRate, c.WarmupSteps, c.Steps, c.MinLearningRateFraction, step, c.Decay);

    public static double At(double peak, int warmupSteps, int steps, double minFraction, int step, string decay = CosineName)
    {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        var decaySteps = Math.Max(1, steps - warmupSteps);
        var progress = Math.Min(1.0, (double)(step - warmupSteps) / decaySteps);
        var floor = peak * minFraction;
        var remaining = decay == LinearName ? 1 - progress : 0.5 * (1 + Math.Cos(Math.PI * progress));
        return floor + (peak - floor) * remaining;
    }
}
