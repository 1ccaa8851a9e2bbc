using ScottPlot;

namespace Ponder.Eval;

/// <summary>The two pictures a reader wants: accuracy against output tokens per item, one point per model × mode
/// (the efficiency frontier: up and to the left is better), and accuracy by difficulty level per model × mode
/// (the shaded band is beyond training). PNG, written atomically.</summary>
public static class Plots
{
    public const string FrontierFile = "accuracy-vs-tokens.png";
    public const string LevelsFile = "accuracy-by-level.png";

    public static void Frontier(EvalSummary s, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var models = s.Index.Select(r => r.Model).Distinct().ToList();
        foreach (var (model, i) in models.Select((m, i) => (m, i)))
        {
            var rows = s.Index.Where(r => r.Model == model && r.Items > 0).OrderBy(r => r.MeanOutputTokens).ToList();
            if (rows.Count == 0) continue;
            var scatter = plot.Add.Scatter(rows.Select(r => r.MeanOutputTokens).ToArray(), rows.Select(r => 100 * r.Index).ToArray(), palette.GetColor(i));
            scatter.LegendText = model;
            scatter.MarkerSize = 9;
            foreach (var r in rows)
            {
                var label = plot.Add.Text(r.Mode, r.MeanOutputTokens, 100 * r.Index);
                label.LabelFontSize = 11;
                label.OffsetX = 6;
            }
        }
        plot.Axes.Margins(horizontal: 0.15, vertical: 0.05); // room for the mode labels beside the points
        plot.Title("Ponder Index vs output tokens per item");
        plot.XLabel("output tokens per item (reasoning + answer)");
        plot.YLabel("Ponder Index (mean accuracy over core suites, %)");
        plot.Axes.SetLimitsY(-2, 102);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    public static void ByLevel(EvalSummary s, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var series = s.Cells.Where(c => c.Levels.Count > 0).GroupBy(c => (c.Model, c.Mode)).ToList();
        var maxTrained = s.Cells.SelectMany(c => c.Levels).Where(l => !l.OutOfDistribution).Select(l => l.Level).DefaultIfEmpty(0).Max();
        var maxLevel = s.Cells.SelectMany(c => c.Levels).Select(l => l.Level).DefaultIfEmpty(0).Max();
        if (maxLevel > maxTrained)
        {
            var band = plot.Add.HorizontalSpan(maxTrained + 0.5, maxLevel + 0.5);
            band.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
            band.LegendText = "beyond training";
        }
        foreach (var (group, i) in series.Select((g, i) => (g, i)))
        {
            // Pool the task suites: items at level L across every task, so one line per model × mode.
            var levels = group.SelectMany(c => c.Levels).GroupBy(l => l.Level).OrderBy(g => g.Key)
                .Select(g => (Level: g.Key, Accuracy: (double)g.Sum(l => l.Correct) / g.Sum(l => l.Items))).ToList();
            var line = plot.Add.Scatter(levels.Select(l => (double)l.Level).ToArray(), levels.Select(l => 100 * l.Accuracy).ToArray(), palette.GetColor(i));
            line.LegendText = $"{group.Key.Model} · {group.Key.Mode}";
        }
        plot.Title("Accuracy by difficulty level (task suites pooled)");
        plot.XLabel("level");
        plot.YLabel("accuracy (%)");
        plot.Axes.SetLimitsY(-2, 102);
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    static void Save(Plot plot, string path) => AtomicFile.WriteBytes(path, plot.GetImageBytes(900, 600, ImageFormat.Png));
}
