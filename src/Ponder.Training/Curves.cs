using System.Globalization;
using System.Text;

namespace Ponder.Training;

/// <summary>Writes a run's curves: metrics.csv (one row per logged step; validation columns filled on the steps that
/// validated), loss.png and accuracy.png (ScottPlot). Every file is written atomically.</summary>
public static class Curves
{
    public static void Write(string directory, TrainingMetrics metrics)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "metrics.csv"), Csv(metrics));
        if (metrics.Steps.Count > 0)
            AtomicFile.WriteAllBytes(Path.Combine(directory, "loss.png"), Plot("Training loss", "loss",
                [("loss", metrics.Steps.Select(s => (double)s.Step).ToArray(), metrics.Steps.Select(s => s.Loss).ToArray())]));
        if (metrics.Validations.Count > 0)
        {
            var x = metrics.Validations.Select(v => (double)v.Step).ToArray();
            AtomicFile.WriteAllBytes(Path.Combine(directory, "accuracy.png"), Plot("Validation accuracy (greedy)", "accuracy",
                [("Instant", x, metrics.Validations.Select(v => v.InstantAccuracy).ToArray()),
                 ("Thinking", x, metrics.Validations.Select(v => v.ThinkingAccuracy).ToArray())]));
        }
    }

    public static string Csv(TrainingMetrics metrics)
    {
        var c = CultureInfo.InvariantCulture;
        var validations = metrics.Validations.ToDictionary(v => v.Step);
        var tasks = metrics.Validations.SelectMany(v => v.ThinkingByTask?.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        var s = new StringBuilder("step,loss,lr,tokens_per_s,grad_norm,val_instant_acc,val_thinking_acc");
        foreach (var task in tasks) s.Append($",val_thinking_acc_{task}");
        s.Append('\n');
        var steps = metrics.Steps.Select(m => m.Step).Union(validations.Keys).Order();
        var byStep = metrics.Steps.ToDictionary(m => m.Step);
        foreach (var step in steps)
        {
            var m = byStep.GetValueOrDefault(step);
            var v = validations.GetValueOrDefault(step);
            s.Append(c, $"{step},{m?.Loss:G6},{m?.LearningRate:G4},{m?.TokensPerSecond:F0},{m?.GradientNorm:G4},{v?.InstantAccuracy:F4},{v?.ThinkingAccuracy:F4}");
            foreach (var task in tasks)
                s.Append(c, $",{(v?.ThinkingByTask?.TryGetValue(task, out var a) == true ? a.ToString("F4", c) : "")}");
            s.Append('\n');
        }
        return s.ToString();
    }

    static byte[] Plot(string title, string yLabel, (string Label, double[] X, double[] Y)[] series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (label, x, y) in series)
        {
            var line = plot.Add.Scatter(x, y);
            if (series.Length > 1) line.LegendText = label;
            line.MarkerSize = x.Length > 50 ? 0 : 5;
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        if (series.Length > 1) plot.ShowLegend();
        return plot.GetImageBytes(800, 450, ScottPlot.ImageFormat.Png);
    }
}
