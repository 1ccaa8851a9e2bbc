using System.Globalization;

namespace Ponder.Eval;

/// <summary>Everything a run depends on, flat, each field with a default. Every field that changes results is part of
/// <see cref="Fingerprint"/>; Concurrency and the output folder are not (they change speed and place, not answers).</summary>
public sealed record EvalConfig(
    // Grid
    IReadOnlyList<string> Suites, IReadOnlyList<ModeSpec> Modes, IReadOnlyList<ModelSpec> Models,
    // Items: problems per task level, items per dataset (0 = all), the seed for problems and sampling
    int CountPerLevel = 20, int DatasetCount = 0, int Seed = 1,
    // Generation: default thinking budget, tokens the answer may take, sampling temperature, and the temperature of
    // Contemplating's agents (null = Temperature), so Instant and Thinking can be scored greedily while agents sample
    int ThinkingBudget = 512, int MaxAnswerTokens = 128, float Temperature = 0.7f, float? AgentTemperature = null,
    // Index: the suites whose mean accuracy is the Ponder Index (empty = every suite in the run)
    IReadOnlyList<string>? CoreSuites = null,
    // Running: items in flight at once (the engine batches them), where results go
    int Concurrency = 8, string Output = "artifacts/eval")
{
    /// <summary>The sampling temperature of a mode's requests.</summary>
    public float TemperatureFor(ModeSpec mode) => mode.Mode == Ponder.Reasoning.ReasoningMode.Contemplating ? AgentTemperature ?? Temperature : Temperature;

    /// <summary>Every result-changing setting as name → value; two runs may share a folder only if these are equal.</summary>
    public SortedDictionary<string, string> Fingerprint(IReadOnlyList<Suite> suites)
    {
        var f = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "ponder-eval/1",
            ["modes"] = string.Join(", ", Modes.Select(m => m.Key)),
            ["count_per_level"] = CountPerLevel.ToString(CultureInfo.InvariantCulture),
            ["dataset_count"] = DatasetCount.ToString(CultureInfo.InvariantCulture),
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["thinking_budget"] = ThinkingBudget.ToString(CultureInfo.InvariantCulture),
            ["max_answer_tokens"] = MaxAnswerTokens.ToString(CultureInfo.InvariantCulture),
            ["temperature"] = Temperature.ToString("R", CultureInfo.InvariantCulture),
        };
        if (AgentTemperature is { } agents) f["agent_temperature"] = agents.ToString("R", CultureInfo.InvariantCulture);
        foreach (var s in suites) f[$"suite {s.Name}"] = s.Fingerprint;
        foreach (var m in Models) f[$"model {m.Name}"] = m.Fingerprint;
        return f;
    }

    /// <summary>Writes the configuration, one setting a line, as the run's log starts with it.</summary>
    public string Describe() =>
        $"""
         models    {string.Join(", ", Models.Select(m => m.IsRemote ? $"{m.Name} ({m.Url})" : $"{m.Name} ({m.Path})"))}
         modes     {string.Join(", ", Modes.Select(m => m.Key))} (default thinking budget {ThinkingBudget}, answer ≤ {MaxAnswerTokens} tokens, temperature {Temperature.ToString(CultureInfo.InvariantCulture)}{(AgentTemperature is { } a ? $", agents {a.ToString(CultureInfo.InvariantCulture)}" : "")})
         suites    {string.Join(", ", Suites)} ({CountPerLevel} per task level, {(DatasetCount > 0 ? DatasetCount.ToString(CultureInfo.InvariantCulture) : "all")} per dataset, seed {Seed})
         running   {Concurrency} items at once → {Output}
         """;
}
