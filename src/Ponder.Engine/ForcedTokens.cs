namespace Ponder.Engine;

/// <summary>Tokens the engine feeds into a sequence itself once it has sampled <see cref="After"/> tokens, unless it
/// sampled one of <see cref="Unless"/> first; sampling then continues after them in the same sequence. This is how a
/// thinking budget is enforced to the token without a second sequence: at the budget the wrap-up message and the
/// end-of-thinking marker are forced and the model answers from there, its cells (prompt and thought) kept.
/// Forced tokens arrive on the stream as events with <see cref="TokenEvent.Forced"/> set; they are not sampled, so they
/// do not count towards MaxTokens (their cells are reserved on top).</summary>
public sealed record ForcedTokens(int After, IReadOnlyList<int> Tokens, IReadOnlyList<int>? Unless = null);
