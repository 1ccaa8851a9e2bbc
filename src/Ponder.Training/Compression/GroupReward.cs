namespace Ponder.Training.Compression;

/// <summary>The reward of each sample of one group (the samples of one prompt): correctness, as the task's Evaluate
/// judged it, times a length term that only correct samples pay and that is measured against the group's other
/// correct samples, so each prompt is compared with itself and a hard problem's long reasoning is not penalised for
/// being longer than an easy one's:
/// <code>r = 1{correct} · (1 − α · penalty(len))</code>
/// Sigmoid (Arora &amp; Zanette): penalty = σ((len − mean) / std) over correct samples; a lone correct sample, or correct
/// samples all of one length, sit at σ(0) = ½. Shortest (ShorterBetter-style): penalty = min(1, (len − shortest) /
/// shortest). Both lie in [0, 1], so with α ≤ 1 a correct answer never scores below an incorrect one (0).</summary>
public static class GroupReward
{
    public static double[] Compute(IReadOnlyList<(bool Correct, int Length)> group, double alpha, LengthReward kind)
    {
        var lengths = group.Where(s => s.Correct).Select(s => (double)s.Length).ToArray();
        if (lengths.Length == 0) return new double[group.Count];
        var mean = lengths.Average();
        var std = Math.Sqrt(lengths.Sum(l => (l - mean) * (l - mean)) / lengths.Length); // population std, as np.std
        var shortest = lengths.Min();
        double Penalty(double length) => kind switch
        {
            LengthReward.Sigmoid => Sigmoid(std > 1e-9 ? (length - mean) / std : 0),
            LengthReward.Shortest => Math.Min(1, (length - shortest) / Math.Max(1, shortest)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return group.Select(s => s.Correct ? 1 - alpha * Penalty(s.Length) : 0).ToArray();
    }

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
