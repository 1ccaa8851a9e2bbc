using System.Globalization;
using Ponder.Reasoning;

namespace Ponder.Eval;

/// <summary>One column of the grid: a reasoning mode with its budget and agent count, written as
/// instant | thinking[@BUDGET] | contemplating[-AGENTS][@BUDGET] (e.g. thinking@64, contemplating-8).
/// A missing budget is the run's --budget; missing agents are 8. <see cref="Key"/> is the canonical spelling.</summary>
public sealed record ModeSpec(ReasoningMode Mode, int? Budget, int Agents)
{
    public const int DefaultAgents = 8;
    public const string Syntax = "instant, thinking[@BUDGET], contemplating[-AGENTS][@BUDGET] (e.g. thinking@64, contemplating-8)";

    public string Key => Mode switch
    {
        ReasoningMode.Instant => "instant",
        ReasoningMode.Thinking => Budget is { } b ? $"thinking@{b}" : "thinking",
        _ => $"contemplating-{Agents}" + (Budget is { } c ? $"@{c}" : ""),
    };

    public override string ToString() => Key;

    public static ModeSpec Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        int? budget = null;
        var at = t.IndexOf('@');
        if (at >= 0)
        {
            budget = Number(t[(at + 1)..], text, "budget", 0);
            t = t[..at];
        }
        if (t == "instant")
            return budget is null ? new(ReasoningMode.Instant, null, 1)
                : throw new ArgumentException($"mode '{text}': instant does not think, so it takes no budget.");
        if (t == "thinking") return new(ReasoningMode.Thinking, budget, 1);
        if (t == "contemplating") return new(ReasoningMode.Contemplating, budget, DefaultAgents);
        if (t.StartsWith("contemplating-", StringComparison.Ordinal))
            return new(ReasoningMode.Contemplating, budget, Number(t["contemplating-".Length..], text, "agent count", 1));
        throw new ArgumentException($"unknown mode '{text}'; valid modes: {Syntax}.");
    }

    static int Number(string digits, string text, string what, int min) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= 1_000_000 ? n
            : throw new ArgumentException($"mode '{text}': the {what} '{digits}' is not a whole number from {min}; valid modes: {Syntax}.");
}
