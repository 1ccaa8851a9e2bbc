namespace Ponder.Reasoning;

/// <summary>What a streaming reasoning request reports, in order. A closed family of small records kept in one file
/// so a consumer sees every case at once: switch on the type. Agent is the sub-agent's index (always 0 for Thinking
/// and Instant). Contemplating's agents stream their own thought and answer deltas; once the vote is decided, the chosen
/// thought arrives as one ReasoningDelta with Agent null, then the final answer as AnswerDelta with Agent null — the
/// voted answer at once, or the refinement's text as it is produced. With LogProbs on, deltas carry the log-probabilities
/// of the tokens whose text they bring (a delta may carry only log-probabilities, for a token whose text is still
/// undecoded). The last event is always <see cref="ReasoningCompleted"/>.</summary>
public abstract record ReasoningEvent;

/// <summary>Thought text as it is produced (including a wrap-up message Ponder inserts at the budget).</summary>
public sealed record ReasoningDelta(int? Agent, string Text, IReadOnlyList<TokenLogProb>? LogProbs = null) : ReasoningEvent;

/// <summary>Answer text as it is produced.</summary>
public sealed record AnswerDelta(int? Agent, string Text, IReadOnlyList<TokenLogProb>? LogProbs = null) : ReasoningEvent;

/// <summary>An agent's progress: tokens so far (thought + answer), its current window confidence (0 until measured), state.</summary>
public sealed record AgentProgress(int Agent, int Tokens, double Confidence, AgentState State) : ReasoningEvent;

/// <summary>The request is finished; the full result, with usage.</summary>
public sealed record ReasoningCompleted(ReasoningResult Result) : ReasoningEvent;
