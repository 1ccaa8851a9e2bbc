using Ponder.Engine;

namespace Ponder.Reasoning;

/// <summary>What a reasoning request produced. Answer is the final answer text (for Contemplating, the winning agent's
/// answer or the refinement's); Reasoning the thought shown to the user (for Contemplating, the winner's thought);
/// Finish why the answer ended (Length = MaxAnswerTokens hit). Contemplation is set only in that mode.</summary>
public sealed record ReasoningResult(ReasoningMode Mode, string Answer, string Reasoning, FinishReason Finish,
    ThoughtEnd ThoughtEnd, ReasoningUsage Usage, ContemplationSummary? Contemplation, TimeSpan Elapsed);
