namespace Ponder.Reasoning;

/// <summary>How a Contemplating request went: agents run, stopped early, agreeing with the winner, the winner's share
/// of the confidence-weighted vote (0–1), whether refinement wrote the final answer, and every agent's summary.</summary>
public sealed record ContemplationSummary(int AgentsRun, int StoppedEarly, int Agreed, double WinningShare,
    bool Refined, double? EarlyStopThreshold, IReadOnlyList<AgentSummary> Agents);
