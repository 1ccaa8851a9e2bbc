namespace Ponder.Reasoning.Answers;

/// <summary>One agent's vote: its answer as written, the normalised key it is counted under, and its weight (confidence).</summary>
public sealed record VoteCandidate(int Agent, string Answer, string Key, double Weight);
