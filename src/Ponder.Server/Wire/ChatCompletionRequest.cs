using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Server.Wire;

/// <summary>POST /v1/chat/completions as typed values, straight after parsing: the wire's fields, OpenAI's names in C#.
/// Null means the client did not say. See <see cref="ChatRequestParser"/> for what each accepts.</summary>
public sealed record ChatCompletionRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    // Streaming
    bool Stream = false, bool IncludeUsage = false,
    // Length: max_completion_tokens, or legacy max_tokens
    int? MaxCompletionTokens = null,
    // Sampling
    float? Temperature = null, float? TopP = null, int? Seed = null, IReadOnlyList<string>? Stop = null, int N = 1,
    bool LogProbs = false, int? TopLogProbs = null,
    // Reasoning: reasoning_effort, and Ponder's extension object, which overrides it
    string? ReasoningEffort = null, PonderExtension? Ponder = null);

/// <summary>"ponder": {"mode": "instant|thinking|contemplating", "agents": N, "thinking_budget": T}.</summary>
public sealed record PonderExtension(ReasoningMode? Mode = null, int? Agents = null, int? ThinkingBudget = null);
