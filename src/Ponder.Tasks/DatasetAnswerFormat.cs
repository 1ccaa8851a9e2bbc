namespace Ponder.Tasks;

/// <summary>How a dataset writes its final answer inside the "answer" field. Named, so a command line can choose one.</summary>
public sealed record DatasetAnswerFormat(string Name, Func<string, string?> FinalAnswer)
{
    /// <summary>GSM8K: the worked solution, then "#### 18"; commas in the number are removed.</summary>
    public static DatasetAnswerFormat Gsm8k { get; } = new("gsm8k", answer =>
    {
        var marker = answer.LastIndexOf("####", StringComparison.Ordinal);
        if (marker < 0) return null;
        var final = answer[(marker + 4)..].Trim().Replace(",", "");
        return final.Length == 0 ? null : final;
    });

    /// <summary>The whole "answer" field, trimmed, is the final answer.</summary>
    public static DatasetAnswerFormat Verbatim { get; } = new("verbatim", answer => answer.Trim() is { Length: > 0 } a ? a : null);

    /// <summary>The final answer is found as in a model's reply: \boxed{…}, "The answer is …", or the last number.</summary>
    public static DatasetAnswerFormat Extracted { get; } = new("extracted", answer =>
        AnswerExtractor.Extract(answer, AnswerKind.Number) ?? AnswerExtractor.Extract(answer, AnswerKind.Text));

    public static IReadOnlyList<DatasetAnswerFormat> All { get; } = [Gsm8k, Verbatim, Extracted];

    public static DatasetAnswerFormat FromName(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown answer format '{name}'. Valid formats: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
}
