using System.Diagnostics;
using System.Text.Json;
using Ponder.Eval.Backends;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Eval;

/// <summary>Runs the grid suites × modes × models and writes the output folder.
///   1. Checks the folder's config.json against this configuration (refuses a different one, naming what differs).
///   2. Reads items.jsonl and skips every (cell, item) already there — a killed run resumes where it stopped.
///   3. Per model, opens its backend once and keeps Concurrency items in flight (the engine batches them), appending
///      and flushing each item's record the moment it is scored.
///   4. Writes summary.json, summary.md and the plots (atomically), also when a model fails part way.
/// Deterministic for a seed: questions come from per-level seeded generators, and each item samples with a seed
/// derived from the run's seed, its mode, suite and index (never from scheduling order).</summary>
public sealed class EvalRunner(EvalConfig config, IReadOnlyList<Suite> suites, IEvalProgress progress, TextWriter log)
{
    public const string SummaryJson = "summary.json";
    public const string SummaryMarkdown = "summary.md";

    /// <summary>Opens a model's backend; replaceable so tests can point a model at a stub.</summary>
    public Func<ModelSpec, IReasoningBackend> OpenBackend { get; init; } = model => model.IsRemote
        ? new RemoteBackend(model.Url!, model.RemoteModel, model.ApiKey)
        : EmbeddedBackend.Start(model.Path!, config.Concurrency, config.Modes.Max(m => m.Mode == ReasoningMode.Contemplating ? m.Agents : 1),
            config.Modes.Max(m => m.Mode == ReasoningMode.Instant ? 0 : m.Budget ?? config.ThinkingBudget), config.MaxAnswerTokens);

    public async Task<EvalSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        using var items = RunFolder.Open(config.Output, config.Fingerprint(suites));
        if (items.TruncatedBytes > 0)
            log.WriteLine($"resume    cut a torn last line ({items.TruncatedBytes} bytes) from {items.Path}; that item runs again");
        var planned = Plan().ToList();
        var alreadyDone = planned.Count(w => items.IsDone(w.Cell, w.Item.Index));
        if (alreadyDone > 0) log.WriteLine($"resume    {alreadyDone} of {planned.Count} items already done in {items.Path}");
        var clock = Stopwatch.StartNew();
        long tokensHere = 0;
        progress.Start(planned.Count, alreadyDone);
        try
        {
            foreach (var model in config.Models)
            {
                var pending = planned.Where(w => w.Model == model && !items.IsDone(w.Cell, w.Item.Index)).ToList();
                if (pending.Count == 0) continue;
                await using var backend = OpenBackend(model);
                await Parallel.ForEachAsync(pending, new ParallelOptions
                {
                    MaxDegreeOfParallelism = config.Concurrency, CancellationToken = cancellationToken,
                }, async (work, ct) =>
                {
                    var record = await AskAsync(backend, work, ct);
                    if (items.Append(record))
                    {
                        Interlocked.Add(ref tokensHere, record.OutputTokens);
                        progress.Advance(record);
                    }
                });
            }
        }
        catch
        {
            // Report what was measured before the failure, then let the failure (not a report error) reach the caller.
            progress.Stop();
            try { Finish(); }
            catch (Exception e) { log.WriteLine($"reports   not written: {e.Message}"); }
            throw;
        }
        progress.Stop();
        return Finish();

        EvalSummary Finish()
        {
            var summary = Summarise(items.Records, planned.Count, clock.Elapsed.TotalSeconds, Interlocked.Read(ref tokensHere));
            if (summary.ItemsDone > 0) WriteReports(summary, config.Output);
            return summary;
        }
    }

    /// <summary>Every (model, mode, suite, item) of the grid, in a fixed order.</summary>
    public IEnumerable<Work> Plan() =>
        from model in config.Models
        from mode in config.Modes
        from suite in suites
        from item in suite.Items
        select new Work(model, mode, item, ItemRecord.CellKey(model.Name, mode.Key, suite.Name));

    async Task<ItemRecord> AskAsync(IReasoningBackend backend, Work work, CancellationToken ct)
    {
        var mode = work.Mode;
        var request = new ReasoningRequest([ChatMessage.User(work.Item.Question)], mode.Mode,
            ThinkingBudget: mode.Mode == ReasoningMode.Instant ? null : mode.Budget ?? config.ThinkingBudget,
            Agents: mode.Agents, Temperature: config.TemperatureFor(mode), MaxAnswerTokens: config.MaxAnswerTokens,
            Seed: Suite.StableSeed(config.Seed, $"{mode.Key}/{work.Item.Suite}", work.Item.Index));
        var clock = Stopwatch.StartNew();
        var result = await backend.RunAsync(request, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        // The answer alone is scored: a reasoning model is judged by what it answers, not by numbers in its thought.
        var score = work.Item.Evaluate(result.Answer);
        var c = result.Contemplation;
        return new ItemRecord(work.Cell, work.Model.Name, mode.Key, work.Item.Suite, work.Item.Index, work.Item.Level,
            work.Item.OutOfDistribution, work.Item.Question, work.Item.Expected, result.Answer, result.Reasoning, score.Extracted,
            score.Correct, result.Usage.PromptTokens, result.Usage.ReasoningTokens, result.Usage.AnswerTokens,
            c?.AgentsRun ?? 1, c?.Agreed ?? 0, c?.StoppedEarly ?? 0, Math.Round(seconds, 4));
    }

    EvalSummary Summarise(IReadOnlyList<ItemRecord> records, int planned, double wall, long tokensHere)
    {
        var names = suites.Select(s => s.Name).ToList();
        var core = config.CoreSuites is { Count: > 0 } c ? names.Where(c.Contains).ToList() : names;
        return EvalSummary.From(records, config.Models.Select(m => m.Name).ToList(), config.Modes.Select(m => m.Key).ToList(),
            names, core, planned, wall, tokensHere);
    }

    public static void WriteReports(EvalSummary summary, string folder)
    {
        AtomicFile.WriteText(Path.Combine(folder, SummaryJson), JsonSerializer.Serialize(summary, SummaryJsonOptions) + "\n");
        AtomicFile.WriteText(Path.Combine(folder, SummaryMarkdown), MarkdownReport.Render(summary));
        Plots.Frontier(summary, Path.Combine(folder, Plots.FrontierFile));
        Plots.ByLevel(summary, Path.Combine(folder, Plots.LevelsFile));
    }

    static readonly JsonSerializerOptions SummaryJsonOptions = new(ItemRecord.Json) { WriteIndented = true };

    /// <summary>One question for one model in one mode.</summary>
    public sealed record Work(ModelSpec Model, ModeSpec Mode, EvalItem Item, string Cell);
}
