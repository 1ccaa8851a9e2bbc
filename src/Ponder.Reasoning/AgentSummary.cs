using Ponder.Engine;

namespace Ponder.Reasoning;

/// <summary>What one Contemplating agent did: its extracted answer (empty if it stopped early), the normalised key it
/// voted with, its trace confidence (DeepConf lowest window mean; higher is surer), tokens, and how its thought ended.</summary>
public sealed record AgentSummary(int Agent, string Answer, string NormalizedAnswer, double Confidence,
    int ReasoningTokens, int AnswerTokens, ThoughtEnd ThoughtEnd, FinishReason AnswerFinish)
{
    public bool StoppedEarly => ThoughtEnd == ThoughtEnd.StoppedEarly;
}
