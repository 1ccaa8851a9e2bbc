namespace Ponder.Server.Wire;

// One server-sent event of a streaming response: "data: {chunk}\n\n", then "data: [DONE]\n\n". Thinking streams
// delta.reasoning_content, then delta.content, each chunk with the logprobs of its tokens when asked. In Contemplating,
// each agent's progress, with its own thought and answer text since its last chunk, streams in "ponder" as it happens;
// then the chosen thought as reasoning_content and the final answer as content (a refinement as it is written). The
// last chunk has choices [] and the usage when stream_options.include_usage is set.

public sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChunkChoice> Choices,
    Usage? Usage = null, PonderInfo? Ponder = null)
{
    public string Object => "chat.completion.chunk";
    public string SystemFingerprint => "ponder";
}

// logprobs is written even when null, as OpenAI does, so clients find the field
public sealed record ChunkChoice(int Index, Delta Delta, string? FinishReason = null, ChunkPonder? Ponder = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    ChoiceLogprobs? Logprobs = null);

public sealed record Delta(string? Role = null, string? Content = null, string? ReasoningContent = null);

/// <summary>A Contemplating agent's live state, and any of its own text since the last chunk.</summary>
public sealed record ChunkPonder(int Agent, string? State = null, int? Tokens = null, double? Confidence = null,
    string? ReasoningDelta = null, string? AnswerDelta = null);
