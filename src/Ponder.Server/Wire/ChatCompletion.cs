using System.Text.Json.Serialization;

namespace Ponder.Server.Wire;

// The response of POST /v1/chat/completions, non-streaming, in OpenAI's shape (snake_case on the wire via WireJson).
// Ponder's additions travel in fields standard clients ignore: message.reasoning_content (as DeepSeek, vLLM and
// llama.cpp send it) and "ponder" (the mode, the thought's end, and Contemplating's agents).

public sealed record ChatCompletion(string Id, long Created, string Model, IReadOnlyList<Choice> Choices, Usage Usage,
    PonderInfo? Ponder = null)
{
    public string Object => "chat.completion";
    public string SystemFingerprint => "ponder";
}

public sealed record Choice(int Index, AssistantMessage Message, string FinishReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ChoiceLogprobs? Logprobs = null, PonderInfo? Ponder = null);

public sealed record AssistantMessage(string? Content, string? ReasoningContent)
{
    public string Role => "assistant";
}

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens, CompletionTokensDetails CompletionTokensDetails,
    PromptTokensDetails PromptTokensDetails);

public sealed record CompletionTokensDetails(int ReasoningTokens, int AcceptedPredictionTokens = 0, int RejectedPredictionTokens = 0);

public sealed record PromptTokensDetails(int CachedTokens = 0);

/// <summary>Ponder's extension: the mode that ran, how the thought ended, tokens Ponder inserted itself, and for
/// Contemplating the agents' summary.</summary>
public sealed record PonderInfo(string Mode, string ThoughtEnd, int InjectedTokens, double ElapsedMs, AgentsInfo? Agents = null);

public sealed record AgentsInfo(int Run, int StoppedEarly, int Agreed, double WinningShare, bool Refined, double? EarlyStopThreshold,
    IReadOnlyList<AgentInfo> Each);

public sealed record AgentInfo(int Agent, string Answer, double Confidence, int ReasoningTokens, int AnswerTokens, string ThoughtEnd,
    bool StoppedEarly);
