using System.Text.Json;

namespace Ponder.Eval;

/// <summary>The output folder of one run: config.json (the configuration's fingerprint), items.jsonl (see
/// <see cref="ItemLog"/>), and the reports. A folder whose config.json differs is refused, naming each difference,
/// so a resumed run can never mix items of two configurations. The grid may grow: a run may add (or leave out) models,
/// modes and suites, since every item belongs to one cell and a new cell cannot change an old one's answers; so a
/// second model can be measured later beside the first without answering the first's items again.</summary>
public static class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string ItemsFile = "items.jsonl";

    /// <summary>Creates the folder or checks that it belongs to this configuration, then opens its item log.</summary>
    public static ItemLog Open(string folder, SortedDictionary<string, string> fingerprint)
    {
        Directory.CreateDirectory(folder);
        var configPath = Path.Combine(folder, ConfigFile);
        if (File.Exists(configPath))
        {
            var existing = JsonSerializer.Deserialize<SortedDictionary<string, string>>(File.ReadAllText(configPath))
                ?? throw new ConfigMismatchException($"{configPath} is empty; move the folder away or choose another --out.");
            var differences = Differences(existing, fingerprint);
            if (differences.Count > 0)
                throw new ConfigMismatchException(
                    $"{folder} holds a run of a different configuration, so its items cannot be mixed with this one's:\n  " +
                    string.Join("\n  ", differences) + "\nchoose another --out, or move the folder away to start over.");
            var grown = Union(existing, fingerprint);
            if (!grown.SequenceEqual(existing)) AtomicFile.WriteText(configPath, Serialize(grown));
        }
        else
        {
            if (File.Exists(Path.Combine(folder, ItemsFile)))
                throw new ConfigMismatchException($"{folder} has {ItemsFile} but no {ConfigFile}, so its configuration is unknown; choose another --out.");
            AtomicFile.WriteText(configPath, Serialize(fingerprint));
        }
        return ItemLog.Open(Path.Combine(folder, ItemsFile));
    }

    /// <summary>"seed: 1 in the folder, 2 now", one line per setting that differs. A model or suite on one side only,
    /// and different sets of modes, are growth of the grid, not differences; a model or suite on both sides must match
    /// (the same file, the same problems).</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> now)
    {
        var lines = new List<string>();
        foreach (var key in was.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var a = was.GetValueOrDefault(key);
            var b = now.GetValueOrDefault(key);
            if (a == b || key == ModesKey || (IsCellAxis(key) && (a is null || b is null))) continue;
            lines.Add(a is null ? $"{key}: not in the folder's run, '{b}' now"
                : b is null ? $"{key}: '{a}' in the folder's run, not in this one"
                : $"{key}: '{a}' in the folder's run, '{b}' now");
        }
        return lines;
    }

    const string ModesKey = "modes";

    static bool IsCellAxis(string key) => key.StartsWith("model ", StringComparison.Ordinal) || key.StartsWith("suite ", StringComparison.Ordinal);

    /// <summary>The fingerprint of everything the folder holds: both sides' models and suites, and their modes in order.</summary>
    static SortedDictionary<string, string> Union(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> now)
    {
        var union = new SortedDictionary<string, string>(was.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in now) union.TryAdd(key, value);
        static IEnumerable<string> Modes(IReadOnlyDictionary<string, string> f) =>
            (f.GetValueOrDefault(ModesKey) ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries);
        union[ModesKey] = string.Join(", ", Modes(was).Concat(Modes(now)).Distinct(StringComparer.Ordinal));
        return union;
    }

    static string Serialize(SortedDictionary<string, string> fingerprint) =>
        JsonSerializer.Serialize(fingerprint, new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
