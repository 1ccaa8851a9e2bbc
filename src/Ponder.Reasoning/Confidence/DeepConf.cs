namespace Ponder.Reasoning.Confidence;

/// <summary>DeepConf's confidence measures (Fu et al., "Deep Think with Confidence", 2025), as pure functions.
/// Token confidence: −mean of the top-k log-probabilities at a position (a peaked distribution has one log-prob near 0
/// and k−1 very negative ones, so a high value means the model was sure). Group confidence: the mean over a sliding
/// window of tokens. Trace confidence: the lowest group confidence — one confused stretch marks the whole trace.
/// Departure: a trace shorter than the window gets the mean of all its tokens (the paper assumes long traces).</summary>
public static class DeepConf
{
    /// <summary>−mean(top-k log-probabilities); 0 when none were reported.</summary>
    public static double TokenConfidence(IEnumerable<float> topLogProbs)
    {
        double sum = 0;
        var n = 0;
        foreach (var lp in topLogProbs) { sum += lp; n++; }
        return n == 0 ? 0 : -sum / n;
    }

    /// <summary>The mean of every full window of <paramref name="window"/> tokens, in order (T − w + 1 values);
    /// one value, the mean of all, for a trace shorter than the window; none for an empty trace.</summary>
    public static double[] WindowMeans(IReadOnlyList<double> tokenConfidences, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var n = tokenConfidences.Count;
        if (n == 0) return [];
        if (n < window) return [tokenConfidences.Average()];
        var means = new double[n - window + 1];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += tokenConfidences[i];
            if (i >= window) sum -= tokenConfidences[i - window];
            if (i >= window - 1) means[i - window + 1] = sum / window;
        }
        return means;
    }

    /// <summary>The lowest window mean; 0 for an empty trace.</summary>
    public static double TraceConfidence(IReadOnlyList<double> tokenConfidences, int window) =>
        WindowMeans(tokenConfidences, window) is { Length: > 0 } m ? m.Min() : 0;

    /// <summary>The early-stop threshold: the <paramref name="percentile"/>-th percentile (0–100, linear interpolation)
    /// of the warm-up traces' confidences. DeepConf-high keeps 90% of traces (percentile 10), DeepConf-low 10% (percentile 90).</summary>
    public static double Threshold(IReadOnlyList<double> warmupConfidences, double percentile)
    {
        if (warmupConfidences.Count == 0) throw new ArgumentException("no warm-up traces to set a threshold from.", nameof(warmupConfidences));
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = warmupConfidences.Order().ToArray();
        var at = percentile / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(at);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}
