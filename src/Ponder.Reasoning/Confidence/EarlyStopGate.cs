namespace Ponder.Reasoning.Confidence;

/// <summary>DeepConf's online early stop, shared by the agents of one request: the first <see cref="Warmup"/> traces to
/// finish report their confidence and fix the threshold; from then on a running trace whose current window mean
/// (once its window is full) falls below it should stop. Thread-safe.</summary>
public sealed class EarlyStopGate(int warmup, double percentile)
{
    readonly Lock gate = new();
    readonly List<double> finished = [];
    double? threshold;

    public int Warmup { get; } = Math.Max(1, warmup);
    public double? Threshold { get { lock (gate) return threshold; } }

    /// <summary>A trace finished its thought with this confidence; the Warmup-th report sets the threshold.</summary>
    public void Report(double traceConfidence)
    {
        lock (gate)
        {
            if (threshold is not null) return;
            finished.Add(traceConfidence);
            if (finished.Count >= Warmup) threshold = DeepConf.Threshold(finished, percentile);
        }
    }

    public bool ShouldStop(ConfidenceTracker trace) => trace.WindowFull && Threshold is { } t && trace.Current < t;
}
