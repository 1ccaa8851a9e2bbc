using Ponder.Engine;

namespace Ponder.Reasoning;

/// <summary>One agent's thought and answer, as the modes need them, with their tokens' log-probabilities (empty unless
/// the request asked). Internal: callers see <see cref="AgentSummary"/>.</summary>
internal sealed record AgentOutcome(int Agent, string Thought, int ReasoningTokens, ThoughtEnd ThoughtEnd, int InjectedTokens,
    string Answer, int AnswerTokens, FinishReason AnswerFinish, double Confidence, string? Error = null)
{
    public bool Answered => ThoughtEnd != ThoughtEnd.StoppedEarly && Error is null;

    public AgentUsage Usage => new(Agent, ReasoningTokens, AnswerTokens, InjectedTokens);

    public IReadOnlyList<TokenLogProb> ThoughtLogProbs { get; init; } = [];
    public IReadOnlyList<TokenLogProb> AnswerLogProbs { get; init; } = [];
}
