using System.Security.Cryptography;
using Ponder.Tasks;

namespace Ponder.Eval;

/// <summary>A named set of questions with verifiable answers. Task suites draw <c>count</c> held-out (test split)
/// problems per difficulty level, out-of-distribution levels included, each level from its own seeded generator;
/// dataset suites read a JSONL file (GSM8K's format, or {question, answer} with a named answer format) and take its
/// first <c>count</c> items (0 = all). <see cref="Fingerprint"/> changes when the questions would.</summary>
public sealed class Suite
{
    public const string Syntax =
        "tasks (every task), a task name, gsm8k:PATH, jsonl:FORMAT:PATH";

    Suite(string name, string fingerprint, IReadOnlyList<EvalItem> items, IReadOnlyList<MalformedLine> malformed, string? path)
    {
        Name = name; Fingerprint = fingerprint; Items = items; Malformed = malformed; Path = path;
    }

    public string Name { get; }
    public string Fingerprint { get; }
    public IReadOnlyList<EvalItem> Items { get; }
    /// <summary>Dataset lines that could not be read and were left out, with their line numbers.</summary>
    public IReadOnlyList<MalformedLine> Malformed { get; }
    /// <summary>The dataset file; null for a task suite.</summary>
    public string? Path { get; }
    public bool IsDataset => Path is not null;

    /// <summary>The suites one argument names: "tasks" expands to every registered task.</summary>
    public static IReadOnlyList<Suite> Parse(string text, int countPerLevel, int datasetCount, int seed, TaskRegistry? registry = null)
    {
        registry ??= TaskRegistry.Default;
        var t = text.Trim();
        if (t.Equals("tasks", StringComparison.OrdinalIgnoreCase))
            return registry.All.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => FromTask(x, countPerLevel, seed)).ToList();
        if (registry.Names.Contains(t, StringComparer.OrdinalIgnoreCase))
            return [FromTask(registry.Get(t), countPerLevel, seed)];
        if (t.StartsWith("gsm8k:", StringComparison.OrdinalIgnoreCase))
            return [FromDataset("gsm8k", DatasetAnswerFormat.Gsm8k, t[6..], datasetCount)];
        if (t.StartsWith("jsonl:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = t[6..];
            var colon = rest.IndexOf(':');
            if (colon <= 0) throw new ArgumentException($"suite '{text}': write jsonl:FORMAT:PATH, FORMAT one of {Formats}.");
            var format = DatasetAnswerFormat.All.FirstOrDefault(f => f.Name.Equals(rest[..colon], StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"suite '{text}': unknown answer format '{rest[..colon]}'; valid formats: {Formats}.");
            var path = rest[(colon + 1)..];
            return [FromDataset(System.IO.Path.GetFileNameWithoutExtension(path), format, path, datasetCount)];
        }
        throw new ArgumentException(
            $"unknown suite '{text}'; valid suites: tasks, {string.Join(", ", registry.Names.Order(StringComparer.Ordinal))}, gsm8k:PATH, jsonl:FORMAT:PATH (FORMAT one of {Formats}).");
    }

    static string Formats => string.Join(", ", DatasetAnswerFormat.All.Select(f => f.Name));

    public static Suite FromTask(ReasoningTask task, int countPerLevel, int seed)
    {
        var items = new List<EvalItem>();
        foreach (var level in task.Levels.All)
        {
            // One generator per (task, level): adding a level or a task never changes another cell's questions.
            var random = new Random(StableSeed(seed, task.Name, level));
            for (var i = 0; i < countPerLevel; i++)
            {
                var problem = task.Generate(level, random, Split.Test);
                items.Add(new EvalItem(task.Name, items.Count, level, !task.Levels.IsTrained(level), problem.Question,
                    problem.Answer, reply => task.Evaluate(problem, reply)));
            }
        }
        return new Suite(task.Name, $"task {task.Name} levels {task.Levels} x{countPerLevel} seed {seed}", items, [], null);
    }

    public static Suite FromDataset(string name, DatasetAnswerFormat format, string path, int count)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"dataset '{path}' does not exist (suite {name}).", path);
        var loaded = JsonlDatasetLoader.Load(path, format, MalformedLinePolicy.Skip);
        var chosen = count > 0 ? loaded.Items.Take(count) : loaded.Items;
        var items = chosen.Select((d, i) => new EvalItem(name, i, null, false, d.Question, d.Answer, d.Evaluate)).ToList();
        return new Suite(name, $"jsonl {format.Name} sha256:{Sha256(path)[..16]} first {(count > 0 ? count : "all")}", items, loaded.Malformed,
            System.IO.Path.GetFullPath(path));
    }

    /// <summary>A seed from the run's seed and a cell's name that is the same on every machine and .NET version
    /// (string.GetHashCode is randomised per process).</summary>
    public static int StableSeed(int seed, string name, int level)
    {
        var bytes = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}/{name}/{level}"));
        return BitConverter.ToInt32(bytes, 0) & int.MaxValue;
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
