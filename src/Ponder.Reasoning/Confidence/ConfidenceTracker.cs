namespace Ponder.Reasoning.Confidence;

/// <summary>DeepConf's measures kept online as tokens arrive, O(1) per token: the current window's mean (what early
/// stop compares with the threshold) and the lowest full-window mean so far (the trace confidence).
/// Agrees with <see cref="DeepConf.TraceConfidence"/> on the same tokens.</summary>
public sealed class ConfidenceTracker(int window)
{
    readonly Queue<double> recent = new(window + 1);
    double sum, total, lowest = double.PositiveInfinity;

    public int Window { get; } = window >= 1 ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least 1.");
    public int Count { get; private set; }
    public bool WindowFull => Count >= Window;

    public void Add(double tokenConfidence)
    {
        Count++;
        total += tokenConfidence;
        sum += tokenConfidence;
        recent.Enqueue(tokenConfidence);
        if (recent.Count > Window) sum -= recent.Dequeue();
        if (WindowFull) lowest = Math.Min(lowest, sum / Window);
    }

    /// <summary>The mean of the last Window tokens (of all tokens, before the window fills); 0 before any token.</summary>
    public double Current => recent.Count == 0 ? 0 : sum / recent.Count;

    /// <summary>The trace confidence: the lowest full-window mean, or the mean of all tokens while the trace is shorter than a window.</summary>
    public double Lowest => Count == 0 ? 0 : WindowFull ? lowest : total / Count;
}
