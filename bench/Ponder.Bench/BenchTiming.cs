using System.Diagnostics;

namespace Ponder.Bench;

/// <summary>Times an action a number of times after warm-up runs and reports the median (robust to the
/// other processes sharing the machine) with the minimum and maximum. On a loaded machine the minimum is the
/// better estimate of the work itself; the median of what a user would see.</summary>
public static class BenchTiming
{
    public sealed record Result(double MedianMs, double MinMs, double MaxMs, int Runs)
    {
        public override string ToString() => $"median {MedianMs:F2} ms (min {MinMs:F2}, max {MaxMs:F2}, {Runs} runs)";
    }

    public static Result Measure(Action action, int runs, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++) action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            // Collect the previous run's garbage outside the timed region, so one run does not pay for another.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        var median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        return new Result(median, times[0], times[^1], runs);
    }
}
