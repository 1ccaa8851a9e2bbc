using System.Text.Json;

namespace Ponder.Eval;

/// <summary>The output folder of one run: config.json (the configuration's fingerprint), items.jsonl (see
/// <see cref="ItemLog"/>), and the reports. A folder whose config.json differs is refused, naming each difference,
/// so a resumed run can never mix items of two configurations.</summary>
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
        }
        else
        {
            if (File.Exists(Path.Combine(folder, ItemsFile)))
                throw new ConfigMismatchException($"{folder} has {ItemsFile} but no {ConfigFile}, so its configuration is unknown; choose another --out.");
            AtomicFile.WriteText(configPath, JsonSerializer.Serialize(fingerprint, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        return ItemLog.Open(Path.Combine(folder, ItemsFile));
    }

    /// <summary>"seed: 1 in the folder, 2 now", one line per setting that differs.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> now)
    {
        var lines = new List<string>();
        foreach (var key in was.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var a = was.GetValueOrDefault(key);
            var b = now.GetValueOrDefault(key);
            if (a == b) continue;
            lines.Add(a is null ? $"{key}: not in the folder's run, '{b}' now"
                : b is null ? $"{key}: '{a}' in the folder's run, not in this one"
                : $"{key}: '{a}' in the folder's run, '{b}' now");
        }
        return lines;
    }
}
