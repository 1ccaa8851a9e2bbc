using Ponder.Eval;
using Ponder.Eval.Backends;
using Ponder.Reasoning;
using Spectre.Console;

namespace Ponder.Cli;

/// <summary>`ponder eval`: the Ponder Index — accuracy and output tokens per model × mode over held-out task suites and
/// JSONL datasets, with a 95% interval per cell, reports (summary.json, summary.md) and plots (accuracy vs tokens,
/// accuracy by level). Items are appended to OUT/items.jsonl as they finish; rerun the same command to resume a
/// killed run. Models are GGUF files (embedded engine) or an OpenAI-compatible endpoint (--remote).
/// Simplifications: the answer alone is scored (not numbers in the thought); datasets take their first --dataset-count items.
/// Run: ./ponder eval --models model.gguf --suites tasks,gsm8k:../shared/datasets/gsm8k/test.jsonl \
///          --modes instant,thinking,contemplating-8 --count 20 --out artifacts/eval/model</summary>
static class EvalCommand
{
    const string Help = """
        usage: ponder eval (--models A.gguf[,B.gguf] | --remote URL [--remote-model NAME] [--api-key KEY]) [options]

          --suites LIST        tasks | TASK | gsm8k:PATH | jsonl:FORMAT:PATH, comma-separated (default tasks)
          --modes LIST         instant | thinking[@BUDGET] | contemplating[-AGENTS][@BUDGET] (default instant,thinking,contemplating-8)
          --count N            held-out problems per task level, out-of-distribution levels included (default 20)
          --dataset-count N    items per dataset, from the top (default 0 = all)
          --core LIST          suites averaged into the Ponder Index (default every suite)
          --budget N           thinking budget for modes that give none (default 512)
          --answer-tokens N    tokens an answer may take (default 128)
          --temperature T      sampling temperature (default 0.7; 0 = greedy)
          --agent-temperature T  temperature of Contemplating's agents (default --temperature; agents must sample)
          --seed N             problems and sampling (default 1)
          --concurrency K      items in flight at once, batched by the engine (default 8)
          --threads N          CPU threads of the embedded engine (default every core)
          --context N          KV cells of the embedded engine (default: sized for the grid's worst case)
          --retries N          attempts per remote request before giving up (default 5)
          --out DIR            output folder; rerun with the same DIR to resume (default artifacts/eval)
          --strict             fail on a malformed dataset line instead of skipping it
        The API key may also come from PONDER_API_KEY or OPENAI_API_KEY.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.Out.Write(Help); return 0; }
        var o = CliOptions.Parse(args, ["--models", "--remote", "--remote-model", "--api-key", "--suites", "--modes", "--count",
            "--dataset-count", "--core", "--budget", "--answer-tokens", "--temperature", "--agent-temperature", "--seed", "--concurrency", "--threads",
            "--context", "--retries", "--out"], ["--strict"]);
        if (o.Positional.Count > 0) throw new CliUsageException($"eval takes no positional arguments ('{o.Positional[0]}').\n{Help}");

        try
        {
            var models = Models(o);
            var modes = List(o.String("--modes", "instant,thinking,contemplating-8")).Select(ModeSpec.Parse).ToList();
            var suiteArgs = List(o.String("--suites", "tasks"));
            var config = new EvalConfig(suiteArgs, modes, models,
                CountPerLevel: o.Int("--count", 20, 1, 100_000), DatasetCount: o.Int("--dataset-count", 0, 0, 10_000_000),
                Seed: o.Int("--seed", 1, 0, int.MaxValue), ThinkingBudget: o.Int("--budget", 512, 0, 1_000_000),
                MaxAnswerTokens: o.Int("--answer-tokens", 128, 1, 1_000_000), Temperature: (float)o.Double("--temperature", 0.7, 0, 5),
                AgentTemperature: o.StringOrNull("--agent-temperature") is null ? null : (float)o.Double("--agent-temperature", 0.7, 0, 5),
                CoreSuites: o.StringOrNull("--core") is { } core ? List(core) : null,
                Concurrency: o.Int("--concurrency", 8, 1, 256), Output: o.String("--out", Path.Combine("artifacts", "eval")));
            if (modes.FirstOrDefault(m => m.Mode == ReasoningMode.Contemplating && m.Agents > 1 && config.TemperatureFor(m) == 0) is { } greedy)
                throw new CliUsageException($"mode {greedy.Key} at temperature 0 would run {greedy.Agents} identical greedy agents; give --agent-temperature (e.g. 0.7).");
            var suites = suiteArgs.SelectMany(s => Suite.Parse(s, config.CountPerLevel, config.DatasetCount, config.Seed)).ToList();
            foreach (var dup in suites.GroupBy(s => s.Name).Where(g => g.Count() > 1))
                throw new CliUsageException($"suite '{dup.Key}' is named twice; give each suite once.");
            foreach (var s in suites.Where(s => s.Malformed.Count > 0))
            {
                var lines = string.Join("\n  ", s.Malformed.Take(20)) + (s.Malformed.Count > 20 ? $"\n  … and {s.Malformed.Count - 20} more" : "");
                if (o.Flag("--strict")) throw new CliUsageException($"{s.Path}: {s.Malformed.Count} malformed lines:\n  {lines}");
                Console.Error.WriteLine($"ponder: {s.Path}: skipped {s.Malformed.Count} malformed lines:\n  {lines}");
            }
            foreach (var s in suites.Where(s => s.Items.Count == 0))
                throw new CliUsageException($"suite '{s.Name}' has no items{(s.Path is null ? "" : $" ({s.Path})")}.");
            Console.WriteLine(config.Describe());

            var retries = o.Int("--retries", 5, 1, 100);
            var threads = o.Int("--threads", 0, 0, 1024);
            int? context = o.StringOrNull("--context") is null ? null : o.Int("--context", 0, 1024, 1 << 24);
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            EvalRunner Runner(IEvalProgress progress) => new(config, suites, progress, Console.Out)
            {
                OpenBackend = m => m.IsRemote
                    ? new RemoteBackend(m.Url!, m.RemoteModel, m.ApiKey, new RemoteOptions(MaxAttempts: retries))
                    : EmbeddedBackend.Start(m.Path!, config.Concurrency, modes.Max(x => x.Agents),
                        modes.Max(x => x.Mode == Reasoning.ReasoningMode.Instant ? 0 : x.Budget ?? config.ThinkingBudget), config.MaxAnswerTokens,
                        threads, context),
            };

            EvalSummary summary;
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                summary = await AnsiConsole.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(ctx => Runner(new SpectreProgress(ctx.AddTask("eval"))).RunAsync(cancel.Token));
            else
                summary = await Runner(new ProgressLine(Console.Out)).RunAsync(cancel.Token);

            Console.WriteLine();
            foreach (var r in summary.Index)
                Console.WriteLine($"index     {r.Model,-24} {r.Mode,-18} {100 * r.Index,5:F1}%  {r.OutputTokens,10:N0} output tokens ({r.MeanOutputTokens:F1} per item)");
            Console.WriteLine($"wrote     {Path.Combine(config.Output, EvalRunner.SummaryMarkdown)}, {EvalRunner.SummaryJson}, {Plots.FrontierFile}, {Plots.LevelsFile}, {RunFolder.ItemsFile}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            throw new CliUsageException("eval interrupted; items done so far are kept — rerun the same command to resume.");
        }
        catch (Exception e) when (e is ArgumentException or ConfigMismatchException or RemoteEndpointException or FileNotFoundException
            or InvalidDataException or Tasks.DatasetFormatException or Engine.EngineLoadException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    static List<ModelSpec> Models(CliOptions o)
    {
        var list = List(o.String("--models", "")).Select(ModelSpec.Embedded).ToList();
        if (o.StringOrNull("--remote") is { } url)
            list.Add(ModelSpec.Remote(url, o.StringOrNull("--remote-model"),
                o.StringOrNull("--api-key") ?? Environment.GetEnvironmentVariable("PONDER_API_KEY") ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY")));
        if (list.Count == 0) throw new CliUsageException($"eval needs a model: --models FILE.gguf or --remote URL.\n{Help}");
        foreach (var dup in list.GroupBy(m => m.Name).Where(g => g.Count() > 1))
            throw new CliUsageException($"two models are both called '{dup.Key}' in reports; give files distinct names.");
        return list;
    }

    static List<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The Spectre progress bar as an <see cref="IEvalProgress"/>: its ETA is Spectre's (from the recent rate).</summary>
    sealed class SpectreProgress(ProgressTask task) : IEvalProgress
    {
        int correct, ran;

        public void Start(int total, int alreadyDone)
        {
            task.MaxValue = Math.Max(1, total);
            task.Value = alreadyDone;
        }

        public void Advance(ItemRecord item)
        {
            var c = item.Correct ? Interlocked.Increment(ref correct) : Volatile.Read(ref correct);
            var n = Interlocked.Increment(ref ran);
            task.Increment(1);
            task.Description = $"eval · acc {100.0 * c / n:F1}%";
        }

        public void Stop() => task.StopTask();
    }
}
