using System.Text.Json.Serialization;

namespace Ponder.Server.Wire;

// choices[].logprobs in OpenAI's shape, non-streaming and per chunk:
//   {"content": [{"token", "logprob", "bytes", "top_logprobs": [{"token", "logprob", "bytes"}]}], "refusal": null}
// One entry per token the model sampled for the answer (the end-of-turn token and a stop string's tokens have none).
// Ponder's addition, which standard clients ignore: "reasoning_content", the same entries for the thought's sampled
// tokens (not for text Ponder inserted at a budget). A token that is not valid UTF-8 alone (part of a character) is
// written "bytes:\xNN…"; its bytes are exact.

public sealed record ChoiceLogprobs(IReadOnlyList<TokenLogprob> Content, IReadOnlyList<TokenLogprob>? ReasoningContent = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Refusal => null;
}

public sealed record TokenLogprob(string Token, float Logprob, int[] Bytes, IReadOnlyList<TopLogprob> TopLogprobs);

public sealed record TopLogprob(string Token, float Logprob, int[] Bytes);
