using System.Text.Json;

namespace Ponder.Tasks;

/// <summary>Reads question/answer datasets, one JSON object per line: {"question": "…", "answer": "…"} (other fields
/// ignored), e.g. GSM8K. Blank lines are ignored; a line that is not such an object is malformed.</summary>
public static class JsonlDatasetLoader
{
    /// <summary>GSM8K format: the final answer follows "####", commas removed.</summary>
    public static DatasetLoadResult LoadGsm8k(string path, MalformedLinePolicy policy = MalformedLinePolicy.Skip) =>
        Load(path, DatasetAnswerFormat.Gsm8k, policy);

    public static DatasetLoadResult Load(string path, DatasetAnswerFormat format, MalformedLinePolicy policy = MalformedLinePolicy.Skip)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Dataset file not found: {path}", path);
        var items = new List<DatasetItem>();
        var malformed = new List<MalformedLine>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (item, reason) = Parse(line, lineNumber, format);
            if (item is not null) { items.Add(item); continue; }
            var bad = new MalformedLine(lineNumber, reason!);
            if (policy == MalformedLinePolicy.Stop) throw new DatasetFormatException(path, bad);
            malformed.Add(bad);
        }
        return new DatasetLoadResult(path, items, malformed);
    }

    static (DatasetItem? Item, string? Reason) Parse(string line, int lineNumber, DatasetAnswerFormat format)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, $"expected a JSON object, found {root.ValueKind}");
            if (!TryString(root, "question", out var question)) return (null, "missing or non-string \"question\"");
            if (!TryString(root, "answer", out var answer)) return (null, "missing or non-string \"answer\"");
            var final = format.FinalAnswer(answer);
            if (final is null) return (null, $"no final answer in \"answer\" for format '{format.Name}'");
            return (new DatasetItem(question, final, answer, lineNumber), null);
        }
        catch (JsonException e)
        {
            return (null, $"invalid JSON ({e.Message})");
        }
    }

    static bool TryString(JsonElement root, string name, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString()!;
        return value.Trim().Length > 0;
    }
}
