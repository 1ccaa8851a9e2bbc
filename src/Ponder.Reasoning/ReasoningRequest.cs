using Ponder.Engine;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning;

/// <summary>One reasoning request, whatever the mode. Fields a mode does not use are ignored by it
/// (Instant ignores the budget; only Contemplating uses Agents, EarlyStop and Refine).</summary>
public sealed record ReasoningRequest(
    IReadOnlyList<ChatMessage> Messages,
    ReasoningMode Mode = ReasoningMode.Thinking,
    // Thinking: tokens the model may think per agent (null = the reasoner's MaxThinkingTokens); text Ponder inserts
    // before closing a thought that hit the budget (null or "" = close at once)
    int? ThinkingBudget = null, string? WrapUp = ReasoningRequest.DefaultWrapUp,
    // Contemplating
    int Agents = 8, bool EarlyStop = true, bool Refine = true,
    // Sampling (agent i of Contemplating uses Seed + i); MaxAnswerTokens bounds the answer after the thought
    float Temperature = 0.7f, float TopP = 0.95f, int TopK = 0, float MinP = 0f, int? Seed = null, int MaxAnswerTokens = 256,
    // Stop strings end the answer where one begins (never the thought: one inside it does not end the request)
    IReadOnlyList<string>? Stop = null,
    // Log-probabilities of the sampled tokens, each with the TopLogProbs (0–20) most likely tokens at its position
    bool LogProbs = false, int TopLogProbs = 0)
{
    public const string DefaultWrapUp = "\nTime is up; I will answer now.\n";

    public static ReasoningRequest Ask(string question, ReasoningMode mode = ReasoningMode.Thinking) =>
        new([ChatMessage.User(question)], mode);

    /// <summary>Throws an <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) whose message
    /// names the first impossible parameter and its valid range. <paramref name="maxAgents"/> is the engine's capacity.</summary>
    public void Validate(int maxAgents)
    {
        static void Check(bool ok, string name, object? value, string range)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; expected {range}.");
        }
        if (Messages is null || Messages.Count == 0)
            throw new ArgumentException("Messages is empty; give at least one user message.", nameof(Messages));
        if (Messages[^1].Role != ChatRole.User)
            throw new ArgumentException($"Messages must end with a user message (the last is {Messages[^1].Role}).", nameof(Messages));
        Check(Enum.IsDefined(Mode), nameof(Mode), Mode, string.Join(", ", Enum.GetNames<ReasoningMode>()));
        Check(ThinkingBudget is null or >= 0, nameof(ThinkingBudget), ThinkingBudget, "0 or more tokens (0 = close the thought at once), or none for the default");
        if (Mode == ReasoningMode.Contemplating)
            Check(Agents >= 1 && Agents <= maxAgents, nameof(Agents), Agents, $"1 to {maxAgents} (the engine's capacity for sub-agents)");
        Check(Temperature >= 0 && float.IsFinite(Temperature), nameof(Temperature), Temperature, "0 (greedy) or more");
        Check(TopP is > 0 and <= 1, nameof(TopP), TopP, "a value in (0, 1]");
        Check(TopK >= 0, nameof(TopK), TopK, "0 (off) or more");
        Check(MinP is >= 0 and <= 1, nameof(MinP), MinP, "a value in [0, 1]");
        Check(MaxAnswerTokens >= 1, nameof(MaxAnswerTokens), MaxAnswerTokens, "at least 1");
        Check(Stop is null || Stop.All(s => !string.IsNullOrEmpty(s)), nameof(Stop), "\"\"", "non-empty stop strings");
        Check(TopLogProbs is >= 0 and <= SamplingOptions.MaxTopLogProbs, nameof(TopLogProbs), TopLogProbs, $"0 to {SamplingOptions.MaxTopLogProbs}");
        Check(TopLogProbs == 0 || LogProbs, nameof(TopLogProbs), TopLogProbs, "0 unless LogProbs is on");
    }

    /// <summary>The engine sampling for one phase of one agent, with the log-probabilities asked for (no stops or limits yet).</summary>
    internal SamplingOptions Sampling(int agent) =>
        new(Temperature, TopK, TopP, MinP, Seed is { } s ? unchecked(s + agent) : null, LogProbs: LogProbs, TopLogProbs: TopLogProbs);
}
