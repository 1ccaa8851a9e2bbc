using System.Diagnostics;
using System.Globalization;

namespace Ponder.Eval;

/// <summary>Progress for a log or a pipe: one line rewritten with \r (done/total, accuracy so far, tokens/s, ETA),
/// at most every half second, and a final newline. The ETA counts only items this process ran.</summary>
public sealed class ProgressLine(TextWriter writer) : IEvalProgress
{
    readonly Stopwatch clock = new();
    readonly Lock gate = new();
    int total, done, ranHere, correct;
    long tokens;
    TimeSpan lastDraw = TimeSpan.MinValue;

    public void Start(int total, int alreadyDone)
    {
        this.total = total;
        done = alreadyDone;
        clock.Start();
        Draw(force: true);
    }

    public void Advance(ItemRecord item)
    {
        lock (gate)
        {
            done++;
            ranHere++;
            tokens += item.OutputTokens;
            if (item.Correct) correct++;
            Draw(force: done == total);
        }
    }

    public void Stop()
    {
        lock (gate) { Draw(force: true); writer.WriteLine(); writer.Flush(); }
    }

    void Draw(bool force)
    {
        if (!force && clock.Elapsed - lastDraw < TimeSpan.FromMilliseconds(500)) return;
        lastDraw = clock.Elapsed;
        writer.Write($"\r{Format(done, total, ranHere, correct, tokens, clock.Elapsed)}   ");
        writer.Flush();
    }

    /// <summary>"eval 40/120 (33%) · acc 12.5% · 310 tok/s · ETA 1m20s".</summary>
    public static string Format(int done, int total, int ranHere, int correct, long tokens, TimeSpan elapsed)
    {
        var pct = total == 0 ? 100 : 100.0 * done / total;
        var rate = elapsed.TotalSeconds > 0 ? tokens / elapsed.TotalSeconds : 0;
        var eta = ranHere == 0 ? "…" : Duration(TimeSpan.FromSeconds(elapsed.TotalSeconds / ranHere * (total - done)));
        var acc = ranHere == 0 ? "—" : (100.0 * correct / ranHere).ToString("F1", CultureInfo.InvariantCulture) + "%";
        return $"eval {done}/{total} ({pct.ToString("F0", CultureInfo.InvariantCulture)}%) · acc {acc} · {rate.ToString("F0", CultureInfo.InvariantCulture)} tok/s · ETA {eta}";
    }

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.Seconds}s";
}
