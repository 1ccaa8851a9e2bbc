namespace Ponder.Eval;

/// <summary>What a run measured, from its item records alone (so a resumed run's summary counts every item once,
/// whichever process answered it). ItemsDone of ItemsPlanned; WallSeconds and OutputTokensPerSecond are this
/// process's own run.</summary>
public sealed record EvalSummary(int ItemsPlanned, int ItemsDone, double WallSeconds, double OutputTokensPerSecond,
    IReadOnlyList<string> CoreSuites, IReadOnlyList<IndexRow> Index, IReadOnlyList<CellSummary> Cells)
{
    public static EvalSummary From(IReadOnlyList<ItemRecord> records, IReadOnlyList<string> models, IReadOnlyList<string> modes,
        IReadOnlyList<string> suites, IReadOnlyList<string> coreSuites, int itemsPlanned, double wallSeconds, long tokensThisRun)
    {
        // A folder may hold cells of other runs' grids (it grows); this summary is of this grid's cells alone
        var grid = models.SelectMany(m => modes.SelectMany(mode => suites.Select(s => ItemRecord.CellKey(m, mode, s)))).ToHashSet();
        records = records.Where(r => grid.Contains(r.Cell)).ToList();
        var byCell = records.GroupBy(r => r.Cell).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).ToList());
        var cells = new List<CellSummary>();
        foreach (var model in models)
            foreach (var mode in modes)
                foreach (var suite in suites)
                {
                    var key = ItemRecord.CellKey(model, mode, suite);
                    cells.Add(Cell(key, model, mode, suite, byCell.GetValueOrDefault(key) ?? []));
                }
        var index = new List<IndexRow>();
        foreach (var model in models)
            foreach (var mode in modes)
            {
                var core = cells.Where(c => c.Model == model && c.Mode == mode && coreSuites.Contains(c.Suite)).ToList();
                var measured = core.Where(c => c.Items > 0).ToList();
                var items = measured.Sum(c => c.Items);
                var tokens = measured.Sum(c => c.OutputTokens);
                index.Add(new IndexRow(model, mode, Statistics.Mean(measured.Select(c => c.Accuracy)), measured.Count, items, tokens,
                    items == 0 ? 0 : (double)tokens / items, measured.Count == coreSuites.Count));
            }
        return new EvalSummary(itemsPlanned, records.Count, wallSeconds, wallSeconds > 0 ? tokensThisRun / wallSeconds : 0,
            coreSuites, index, cells);
    }

    public static CellSummary Cell(string key, string model, string mode, string suite, IReadOnlyList<ItemRecord> items)
    {
        var n = items.Count;
        var correct = items.Count(r => r.Correct);
        var (low, high) = Statistics.Wilson(correct, n);
        var output = items.Sum(r => (long)r.OutputTokens);
        var seconds = items.Sum(r => r.Seconds);
        var contemplating = mode.StartsWith("contemplating", StringComparison.Ordinal);
        var agents = items.Sum(r => r.Agents);
        var levels = items.Where(r => r.Level is not null).GroupBy(r => r.Level!.Value).OrderBy(g => g.Key).Select(g =>
        {
            var k = g.Count(r => r.Correct);
            var (lo, hi) = Statistics.Wilson(k, g.Count());
            return new LevelSummary(g.Key, g.First().OutOfDistribution, g.Count(), k, (double)k / g.Count(), lo, hi,
                g.Sum(r => (long)r.ReasoningTokens), g.Where(r => r.Correct).Sum(r => (long)r.ReasoningTokens));
        }).ToList();
        return new CellSummary(key, model, mode, suite, n, correct, n == 0 ? 0 : (double)correct / n, low, high,
            Statistics.Mean(items.Select(r => (double)r.ReasoningTokens)), Statistics.Median(items.Select(r => (double)r.ReasoningTokens)),
            Statistics.Mean(items.Select(r => (double)r.AnswerTokens)), output, n == 0 ? 0 : (double)output / n,
            correct == 0 ? null : (double)output / correct, seconds, n == 0 ? 0 : seconds / n, seconds > 0 ? output / seconds : 0,
            contemplating && agents > 0 ? (double)items.Sum(r => r.Agreed) / agents : null,
            contemplating && agents > 0 ? (double)items.Sum(r => r.StoppedEarly) / agents : null, levels);
    }
}
