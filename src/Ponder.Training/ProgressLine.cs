namespace Ponder.Training;

/// <summary>One status line (bar, step, the stage's figures — loss, learning rate, tokens/s for training — and ETA),
/// redrawn in place with \r on a terminal; when the output is redirected it prints one line per log interval instead,
/// so logs stay readable.</summary>
public sealed class ProgressLine(TextWriter output, bool interactive)
{
    const int Width = 24;
    int lastLength;

    /// <summary>Time left: the <paramref name="stepsLeft"/> at this process's pace so far, capped by what remains of
    /// a time budget of <paramref name="budgetMinutes"/> (0 = none) after <paramref name="elapsedSeconds"/> of the run.</summary>
    public static TimeSpan Eta(double secondsHere, int stepsHere, int stepsLeft, double budgetMinutes, double elapsedSeconds) =>
        TimeSpan.FromSeconds(Math.Min(secondsHere / stepsHere * stepsLeft,
            budgetMinutes > 0 ? Math.Max(0, budgetMinutes * 60 - elapsedSeconds) : double.MaxValue));

    public void Update(int step, int total, double loss, double learningRate, double tokensPerSecond, TimeSpan eta) =>
        Update(step, total, $"loss {loss:F4}  lr {learningRate:0.###e+0}  {tokensPerSecond / 1000:F1}k tok/s", eta);

    /// <summary>The bar and step count, then a stage's own <paramref name="fields"/>, then the ETA.</summary>
    public void Update(int step, int total, string fields, TimeSpan eta)
    {
        var filled = (int)Math.Round(Width * (double)step / total);
        var text = $"[{new string('#', filled)}{new string('.', Width - filled)}] step {step}/{total}  {fields}  ETA {Format(eta)}";
        if (interactive)
        {
            output.Write("\r" + text.PadRight(lastLength));
            lastLength = text.Length;
        }
        else output.WriteLine(text);
        output.Flush();
    }

    /// <summary>Prints a whole line above the bar (validation results, checkpoints, warnings).</summary>
    public void Line(string text)
    {
        if (interactive && lastLength > 0) output.Write("\r" + new string(' ', lastLength) + "\r");
        lastLength = 0;
        output.WriteLine(text);
        output.Flush();
    }

    static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}" : $"{t.Minutes}:{t.Seconds:D2}";
}
