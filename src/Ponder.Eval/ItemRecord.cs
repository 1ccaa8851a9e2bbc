using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ponder.Eval;

/// <summary>One line of items.jsonl: a question asked of one model in one mode, what came back, and what it cost.
/// OutputTokens = ReasoningTokens + AnswerTokens (what OpenAI bills as completion; tokens Ponder inserted at a budget
/// are in neither). For Contemplating, Agents ran, Agreed with the winner, StoppedEarly by the confidence gate.</summary>
public sealed record ItemRecord(
    string Cell, string Model, string Mode, string Suite, int Index, int? Level, bool OutOfDistribution,
    string Question, string Expected, string Reply, string Reasoning, string? Extracted, bool Correct,
    int PromptTokens, int ReasoningTokens, int AnswerTokens, int Agents, int Agreed, int StoppedEarly, double Seconds)
{
    public int OutputTokens => ReasoningTokens + AnswerTokens;

    public static string CellKey(string model, string mode, string suite) => $"{model} | {mode} | {suite}";

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);
}
