namespace Ponder.Reasoning.Answers;

/// <summary>The result of a weighted vote: the winning key, the answer text of its most confident agent, how many
/// candidates agreed with it, its share of the total weight (0–1), and every group, strongest first.</summary>
public sealed record VoteOutcome(string Key, string Answer, int WinnerAgent, int Agreed, double Share,
    IReadOnlyList<VoteGroup> Groups);
