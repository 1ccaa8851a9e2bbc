namespace Ponder.Server.Wire;

/// <summary>The wire name of a parameter the reasoning layer names in C# (its exceptions carry ParamName).</summary>
public static class WireNames
{
    public static string? Param(string? name) => name switch
    {
        null => null,
        "Messages" => "messages",
        "Mode" => "ponder.mode",
        "ThinkingBudget" => "ponder.thinking_budget",
        "Agents" => "ponder.agents",
        "Temperature" => "temperature",
        "TopP" => "top_p",
        "MaxAnswerTokens" => "max_completion_tokens",
        "Stop" => "stop",
        "LogProbs" => "logprobs",
        "TopLogProbs" => "top_logprobs",
        "messages" => "messages",
        _ => name,
    };
}
