namespace Ponder.Training.Compression;

/// <summary>Dr. GRPO's advantage (Liu et al., 2025): each sample's reward minus its group's mean reward, with no
/// division by the group's standard deviation (which over-weights groups that are nearly all right or all wrong).
/// A group whose rewards are all equal teaches nothing, so it returns null and is skipped.</summary>
public static class GroupAdvantage
{
    public const double MinimumSpread = 1e-9;

    public static double[]? Compute(IReadOnlyList<double> rewards)
    {
        if (rewards.Count == 0 || rewards.Max() - rewards.Min() < MinimumSpread) return null;
        var mean = rewards.Average();
        return rewards.Select(r => r - mean).ToArray();
    }
}
