namespace Ponder.Reasoning.Answers;

/// <summary>All candidates that share a key, with their summed weight.</summary>
public sealed record VoteGroup(string Key, double Weight, IReadOnlyList<VoteCandidate> Members);
