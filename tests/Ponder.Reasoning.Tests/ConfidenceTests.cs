using Ponder.Reasoning.Confidence;

namespace Ponder.Reasoning.Tests;

public sealed class ConfidenceTests
{
    [Fact]
    public void Token_confidence_is_minus_the_mean_of_the_top_log_probabilities()
    {
        Assert.Equal(2.0, DeepConf.TokenConfidence([-0.1f, -1.9f, -4f]), 5);
        Assert.Equal(0, DeepConf.TokenConfidence([]));
    }

    [Fact]
    public void Trace_confidence_is_the_lowest_sliding_window_mean()
    {
        double[] tokens = [5, 5, 5, 1, 1, 5, 5, 5];
        Assert.Equal([5.0, 11 / 3.0, 7 / 3.0, 7 / 3.0, 11 / 3.0, 5.0], DeepConf.WindowMeans(tokens, 3), new Tolerance(1e-9));
        Assert.Equal(7 / 3.0, DeepConf.TraceConfidence(tokens, 3), 9);
        // Shorter than a window: the mean of all.
        Assert.Equal(3.0, DeepConf.TraceConfidence([5, 1], 64), 9);
        Assert.Equal(0, DeepConf.TraceConfidence([], 4));
    }

    [Fact]
    public void The_online_tracker_agrees_with_the_batch_functions()
    {
        var rng = new Random(3);
        var tokens = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * 10).ToArray();
        var tracker = new ConfidenceTracker(16);
        for (var i = 0; i < tokens.Length; i++)
        {
            tracker.Add(tokens[i]);
            var seen = tokens[..(i + 1)];
            Assert.Equal(DeepConf.TraceConfidence(seen, 16), tracker.Lowest, 9);
            Assert.Equal(seen.TakeLast(16).Average(), tracker.Current, 9);
        }
    }

    [Fact]
    public void Threshold_is_a_percentile_of_the_warmup_confidences()
    {
        Assert.Equal(2.0, DeepConf.Threshold([4, 2], 0), 9);
        Assert.Equal(2.2, DeepConf.Threshold([4, 2], 10), 9);
        Assert.Equal(4.0, DeepConf.Threshold([2, 4, 3], 100), 9);
        Assert.Equal(3.0, DeepConf.Threshold([2, 4, 3], 50), 9);
    }

    [Fact]
    public void Early_stop_waits_for_the_warmup_traces_then_stops_traces_whose_window_falls_below_the_threshold()
    {
        var gate = new EarlyStopGate(warmup: 2, percentile: 0);
        var confident = Trace(4, 4, 4, 4);
        var shaky = Trace(4, 4, 0.5, 0.5);
        Assert.False(gate.ShouldStop(shaky)); // no threshold yet
        gate.Report(3.0);
        Assert.False(gate.ShouldStop(shaky));
        gate.Report(2.0);
        Assert.Equal(2.0, gate.Threshold);
        Assert.True(gate.ShouldStop(shaky));     // window mean 0.5 < 2
        Assert.False(gate.ShouldStop(confident));
        Assert.False(gate.ShouldStop(Trace(0.1))); // its window is not full yet: too early to judge
        gate.Report(100); // later traces do not move the threshold
        Assert.Equal(2.0, gate.Threshold);
    }

    static ConfidenceTracker Trace(params double[] tokens)
    {
        var t = new ConfidenceTracker(2);
        foreach (var c in tokens) t.Add(c);
        return t;
    }

    sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < eps;
        public int GetHashCode(double d) => 0;
    }
}
