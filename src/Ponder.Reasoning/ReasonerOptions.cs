namespace Ponder.Reasoning;

/// <summary>Settings of the reasoning layer that are the server's, not the request's. Every field has a default.</summary>
public sealed record ReasonerOptions(
    // Capacity: the most sub-agents a Contemplating request may run (Reasoner.For sets it from the engine)
    int MaxAgents = 63,
    // Thinking: the budget when a request gives none
    int MaxThinkingTokens = 1024,
    // Confidence (DeepConf): top-k log-probabilities per token, sliding-window size (shrunk to a quarter of short budgets)
    int TopLogProbs = 5, int ConfidenceWindow = 64,
    // Early stop: the first WarmupTraces finished traces set the threshold at this percentile of their confidences
    int WarmupTraces = 2, double EarlyStopPercentile = 10,
    // Refinement: how many candidates the model is shown, and how much of each one's reasoning (characters, from the end)
    int RefineCandidates = 3, int SummaryChars = 300,
    // Streaming: an AgentProgress event every this many tokens per agent
    int ProgressEvery = 8)
{
    /// <summary>The window for a trace of at most <paramref name="budget"/> tokens: small traces get small windows.</summary>
    public int WindowFor(int budget) => Math.Max(1, Math.Min(ConfidenceWindow, Math.Max(4, budget / 4)));
}
