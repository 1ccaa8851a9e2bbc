using System.Globalization;
using System.Text;
using ScottPlot;

namespace Ponder.Training.Compression;

/// <summary>Writes a compression run's curves: metrics.csv (one row per step; eval columns filled on the steps that
/// evaluated), training.png (reward, accuracy and reasoning tokens of each step's samples) and validation.png — the
/// curve the run exists for: greedy Thinking accuracy and mean reasoning tokens on the fixed validation set against the
/// RL step, with the SFT model's values (step 0) as dashed horizontal lines. Per-step values swing with each step's
/// four prompts, so training.png draws a trailing mean over <see cref="Smoothing"/> steps. Every file is written
/// atomically.</summary>
public static class CompressCurves
{
    public const string CsvFile = "metrics.csv", TrainingFile = "training.png", ValidationFile = "validation.png";
    const int Smoothing = 10;

    public static void Write(string directory, CompressMetrics metrics)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), Csv(metrics));
        if (metrics.Steps.Count > 0) AtomicFile.WriteAllBytes(Path.Combine(directory, TrainingFile), TrainingPlot(metrics));
        if (metrics.Evaluations.Count > 0) AtomicFile.WriteAllBytes(Path.Combine(directory, ValidationFile), ValidationPlot(metrics));
    }

    public static string Csv(CompressMetrics metrics)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder("step,reward,accuracy,reasoning_tokens,reasoning_tokens_correct,answer_tokens,entropy," +
            "groups_skipped,groups,loss,grad_norm,kl,alpha,tokens_per_s,sample_s,step_s,cpu_s," +
            "val_thinking_acc,val_reasoning_tokens,val_reasoning_tokens_correct,val_instant_acc\n");
        var byStep = metrics.Steps.ToDictionary(m => m.Step);
        var evals = metrics.Evaluations.ToDictionary(e => e.Step);
        foreach (var step in byStep.Keys.Union(evals.Keys).Order())
        {
            var m = byStep.GetValueOrDefault(step);
            var e = evals.GetValueOrDefault(step);
            s.Append(c, $"{step},{m?.Reward:F4},{m?.Accuracy:F4},{m?.MeanReasoningTokens:F1},{m?.MeanReasoningTokensCorrect:F1},{m?.MeanAnswerTokens:F1},");
            s.Append(c, $"{m?.Entropy:F4},{m?.GroupsSkipped},{m?.Groups},{m?.Loss:G5},{m?.GradientNorm:G4},{m?.Kl:G4},{m?.Alpha:G4},");
            s.Append(c, $"{m?.TokensPerSecond:F0},{m?.SampleSeconds:F2},{m?.StepSeconds:F2},{m?.CpuSeconds:F2},");
            s.Append(c, $"{e?.ThinkingAccuracy:F4},{e?.MeanReasoningTokens:F1},{e?.MeanReasoningTokensCorrect:F1},{e?.InstantAccuracy:F4}\n");
        }
        return s.ToString().Replace("NaN", "", StringComparison.Ordinal);
    }

    static byte[] TrainingPlot(CompressMetrics metrics)
    {
        var plot = new Plot();
        var x = metrics.Steps.Select(m => (double)m.Step).ToArray();
        Line(plot, x, Trailing(metrics.Steps.Select(m => m.Reward)), "reward", Colors.C0, right: false);
        Line(plot, x, Trailing(metrics.Steps.Select(m => m.Accuracy)), "accuracy", Colors.C1, right: false);
        Line(plot, x, Trailing(metrics.Steps.Select(m => m.MeanReasoningTokens)), "reasoning tokens (right)", Colors.C2, right: true);
        Line(plot, x, Trailing(metrics.Steps.Select(m => m.MeanReasoningTokensCorrect)), "reasoning tokens of correct samples (right)", Colors.C3, right: true);
        return Finish(plot, $"Sampled groups per RL step (temperature sampling, Train split), mean of the last {Smoothing} steps", "reward, accuracy");
    }

    static byte[] ValidationPlot(CompressMetrics metrics)
    {
        var plot = new Plot();
        var e = metrics.Evaluations;
        var x = e.Select(v => (double)v.Step).ToArray();
        Line(plot, x, e.Select(v => v.ThinkingAccuracy).ToArray(), "Thinking accuracy", Colors.C0, right: false);
        Line(plot, x, e.Select(v => v.InstantAccuracy).ToArray(), "Instant accuracy", Colors.C1, right: false);
        Line(plot, x, e.Select(v => v.MeanReasoningTokens).ToArray(), "reasoning tokens (right)", Colors.C2, right: true);
        Line(plot, x, e.Select(v => v.MeanReasoningTokensCorrect).ToArray(), "reasoning tokens per correct answer (right)", Colors.C3, right: true);
        if (metrics.Baseline is { } b)
        {
            Baseline(plot, b.ThinkingAccuracy, $"SFT Thinking accuracy {b.ThinkingAccuracy:P1}", Colors.C0, right: false);
            Baseline(plot, b.MeanReasoningTokens, $"SFT reasoning tokens {b.MeanReasoningTokens:F0}", Colors.C2, right: true);
            Baseline(plot, b.MeanReasoningTokensCorrect, $"SFT reasoning tokens per correct answer {b.MeanReasoningTokensCorrect:F0}", Colors.C3, right: true);
        }
        plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Left);
        return Finish(plot, "Validation (greedy, fixed set) vs RL step; dashed: the SFT model", "accuracy");
    }

    /// <summary>The mean of each value and the <see cref="Smoothing"/> − 1 before it, skipping NaN (a step with no
    /// correct sample has no correct length).</summary>
    static double[] Trailing(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var result = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            var window = v[Math.Max(0, i - Smoothing + 1)..(i + 1)].Where(double.IsFinite).ToArray();
            result[i] = window.Length == 0 ? double.NaN : window.Average();
        }
        return result;
    }

    static void Line(Plot plot, double[] x, double[] y, string label, Color color, bool right)
    {
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.Color = color;
        line.MarkerSize = x.Length > 50 ? 0 : 5;
        if (right) line.Axes.YAxis = plot.Axes.Right;
    }

    static void Baseline(Plot plot, double y, string label, Color color, bool right)
    {
        if (!double.IsFinite(y)) return;
        var line = plot.Add.HorizontalLine(y);
        line.LegendText = label;
        line.Color = color.WithAlpha(0.6);
        line.LinePattern = LinePattern.Dashed;
        if (right) line.Axes.YAxis = plot.Axes.Right;
    }

    static byte[] Finish(Plot plot, string title, string leftLabel)
    {
        plot.Title(title);
        plot.XLabel("RL step");
        plot.YLabel(leftLabel);
        plot.Axes.Right.Label.Text = "reasoning tokens";
        plot.ShowLegend(Edge.Bottom); // outside the data: the curves cross every corner over a long run
        return plot.GetImageBytes(1000, 640, ImageFormat.Png);
    }
}
