using Ponder.Engine;

namespace Ponder.Reasoning;

/// <summary>What a reasoning request produced. Answer is the final answer text (for Contemplating, the winning agent's
/// answer or the refinement's); Reasoning the thought shown to the user (for Contemplating, the winner's thought);
/// Finish why the answer ended (Stop = end of turn or a stop string; Length = MaxAnswerTokens hit). Contemplation is set
/// only in that mode. With LogProbs on, AnswerLogProbs and ReasoningLogProbs hold one entry per token the model sampled
/// for the answer and for the thought shown (Contemplating: the winner's, or the refinement's answer); tokens Ponder
/// inserted, the end-of-turn token and a stop string's tokens have none. Null when the request did not ask.</summary>
public sealed record ReasoningResult(ReasoningMode Mode, string Answer, string Reasoning, FinishReason Finish,
    ThoughtEnd ThoughtEnd, ReasoningUsage Usage, ContemplationSummary? Contemplation, TimeSpan Elapsed,
    IReadOnlyList<TokenLogProb>? AnswerLogProbs = null, IReadOnlyList<TokenLogProb>? ReasoningLogProbs = null);
