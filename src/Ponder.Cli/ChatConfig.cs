using System.Globalization;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Cli;

/// <summary>`ponder chat`'s settings, flat and typed. Parsed (and range-checked) from the command line before the
/// model loads, so an impossible parameter fails at once with the option's name and its valid range; the REPL's
/// /mode, /agents and /budget commands change a copy. Printed at start.</summary>
sealed record ChatConfig(
    // Model: a GGUF file (null = the shipped default), its family profile (null = from the file's metadata)
    string? ModelPath = null, string? Profile = null,
    // Reasoning: the mode (null = thinking, or instant for a family that cannot think), sub-agents, thinking budget per agent (null = fit the context)
    ReasoningMode? Mode = null, int Agents = 8, int? ThinkBudget = null,
    // Sampling: seed null = a fresh one per turn; MaxTokens bounds each answer
    double Temperature = 0.7, double TopP = 0.95, int? Seed = null, int MaxTokens = 256,
    // Engine: KV cells shared by the conversation and every sub-agent
    int Context = 8192)
{
    /// <summary>Live sequences the engine runs: one holds Contemplating's shared prompt, the rest are sub-agents.</summary>
    public const int MaxSequences = 64;
    public const int MaxAgents = MaxSequences - 1;
    public const int DefaultThinkBudget = 1024;

    public static readonly string[] Options =
        ["--model", "--mode", "--agents", "--think-budget", "--temperature", "--top-p", "--seed", "--profile", "--max-tokens", "--context"];

    public static ChatConfig Parse(CliOptions options)
    {
        var config = new ChatConfig(
            ModelPath: options.StringOrNull("--model"),
            Profile: options.StringOrNull("--profile"),
            Mode: options.StringOrNull("--mode") is { } m ? ParseMode(m) : null,
            Agents: options.Int("--agents", 8, min: 1, max: MaxAgents),
            ThinkBudget: options.StringOrNull("--think-budget") is null ? null : options.Int("--think-budget", 0, min: 0, max: 1 << 20),
            Temperature: options.Double("--temperature", 0.7, min: 0, max: 100),
            TopP: TopPOption(options),
            Seed: options.StringOrNull("--seed") is null ? null : options.Int("--seed", 0, min: 0, max: int.MaxValue),
            MaxTokens: options.Int("--max-tokens", 256, min: 1, max: 1 << 20),
            Context: options.Int("--context", 8192, min: 64, max: 1 << 20));
        if (config.Profile is { } name)
        {
            try { ProfileResolver.ByName(name); }
            catch (ArgumentException e) { throw new CliUsageException($"--profile: {e.Message}"); }
        }
        return config;
    }

    public static ReasoningMode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "instant" => ReasoningMode.Instant,
        "thinking" => ReasoningMode.Thinking,
        "contemplating" => ReasoningMode.Contemplating,
        _ => throw new CliUsageException($"--mode is '{text}'; expected instant, thinking or contemplating."),
    };

    // CliOptions ranges are closed; top-p's lower end is open (0 would keep no token at all).
    static double TopPOption(CliOptions options)
    {
        var p = options.Double("--top-p", 0.95, min: 0, max: 1);
        if (p <= 0) throw new CliUsageException($"--top-p is '{options.StringOrNull("--top-p")}'; expected a number in (0, 1].");
        return p;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mode {Mode?.ToString().ToLowerInvariant() ?? "auto"}, agents {Agents}, think budget {ThinkBudget?.ToString() ?? "auto"}, temperature {Temperature}, top-p {TopP}, seed {Seed?.ToString() ?? "random"}, max tokens {MaxTokens}, context {Context}");
}
