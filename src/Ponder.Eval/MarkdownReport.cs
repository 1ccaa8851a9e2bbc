using System.Globalization;
using System.Text;

namespace Ponder.Eval;

/// <summary>summary.md: the Ponder Index table (one row per model × mode: index, tokens spent), then every cell's
/// metrics, then accuracy by difficulty level for task suites.</summary>
public static class MarkdownReport
{
    public static string Render(EvalSummary s)
    {
        var md = new StringBuilder();
        md.AppendLine("# Ponder eval").AppendLine();
        md.AppendLine($"{s.ItemsDone} of {s.ItemsPlanned} items done. Core suites: {string.Join(", ", s.CoreSuites)}.").AppendLine();
        md.AppendLine("## Ponder Index").AppendLine();
        md.AppendLine("| model | mode | index (mean accuracy over core suites) | output tokens spent | output tokens / item | items |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in s.Index)
            md.AppendLine($"| {r.Model} | {r.Mode} | {Pct(r.Index)}{(r.Complete ? "" : $" (partial: {r.Suites} of {s.CoreSuites.Count} suites)")} | {r.OutputTokens:N0} | {F(r.MeanOutputTokens)} | {r.Items} |");
        md.AppendLine().AppendLine("## Cells").AppendLine();
        md.AppendLine("| model | mode | suite | n | accuracy | 95% CI | reasoning tok (mean / median) | answer tok | output tok (total) | tok / correct | s / item | tok/s | agreement | early stop |");
        md.AppendLine("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in s.Cells)
            md.AppendLine($"| {c.Model} | {c.Mode} | {c.Suite} | {c.Items} | {Pct(c.Accuracy)} | {Pct(c.AccuracyLow)}–{Pct(c.AccuracyHigh)} | " +
                $"{F(c.MeanReasoningTokens)} / {F(c.MedianReasoningTokens)} | {F(c.MeanAnswerTokens)} | {c.OutputTokens:N0} | " +
                $"{(c.TokensPerCorrect is { } t ? F(t) : "—")} | {c.MeanSeconds.ToString("F2", CultureInfo.InvariantCulture)} | {F(c.TokensPerSecond)} | " +
                $"{(c.Agreement is { } a ? Pct(a) : "—")} | {(c.EarlyStopRate is { } e ? Pct(e) : "—")} |");
        var levelled = s.Cells.Where(c => c.Levels.Count > 0).ToList();
        if (levelled.Count > 0)
        {
            // Pooled over every task suite: how a model does where it was trained, and beyond.
            md.AppendLine().AppendLine("## Task suites pooled: trained levels vs beyond training").AppendLine();
            // Reasoning tokens per correct answer: the mean over correct replies of their reasoning tokens, the measure
            // thought compression is judged by (a shorter thought that is wrong saves nothing).
            md.AppendLine("| model | mode | trained levels: n | accuracy | 95% CI | reasoning tok / item | reasoning tok / correct answer " +
                "| beyond training: n | accuracy | 95% CI | reasoning tok / item | reasoning tok / correct answer |");
            md.AppendLine("|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|---:|");
            foreach (var g in levelled.GroupBy(c => (c.Model, c.Mode)))
            {
                string Pool(bool ood)
                {
                    var levels = g.SelectMany(c => c.Levels).Where(l => l.OutOfDistribution == ood).ToList();
                    int n = levels.Sum(l => l.Items), k = levels.Sum(l => l.Correct);
                    if (n == 0) return "0 | — | — | — | —";
                    var (low, high) = Statistics.Wilson(k, n);
                    var perCorrect = k == 0 ? "—" : F((double)levels.Sum(l => l.CorrectReasoningTokens) / k);
                    return $"{n} | {Pct((double)k / n)} | {Pct(low)}–{Pct(high)} | {F((double)levels.Sum(l => l.ReasoningTokens) / n)} | {perCorrect}";
                }
                md.AppendLine($"| {g.Key.Model} | {g.Key.Mode} | {Pool(false)} | {Pool(true)} |");
            }
            var levels = levelled.SelectMany(c => c.Levels.Select(l => l.Level)).Distinct().Order().ToList();
            md.AppendLine().AppendLine("## Accuracy by difficulty level (* = beyond training)").AppendLine();
            md.AppendLine("| model | mode | suite | " + string.Join(" | ", levels.Select(l => $"L{l}")) + " |");
            md.AppendLine("|---|---|---|" + string.Concat(levels.Select(_ => "---:|")));
            foreach (var c in levelled)
                md.AppendLine($"| {c.Model} | {c.Mode} | {c.Suite} | " + string.Join(" | ", levels.Select(l =>
                    c.Levels.FirstOrDefault(x => x.Level == l) is { } x ? Pct(x.Accuracy) + (x.OutOfDistribution ? "*" : "") : "")) + " |");
        }
        md.AppendLine().AppendLine($"Run wall time {s.WallSeconds.ToString("F1", CultureInfo.InvariantCulture)} s, {F(s.OutputTokensPerSecond)} output tokens/s in this process. " +
            "Tokens are the model's own: reasoning (inside the thought) + answer; text Ponder inserts at a budget is in neither.");
        return md.ToString();
    }

    static string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + "%";

    static string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
}
