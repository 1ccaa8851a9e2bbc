namespace Ponder.Reasoning;

/// <summary>One agent's tokens: sampled in its thought, sampled in its answer, and inserted by Ponder at its budget.</summary>
public sealed record AgentUsage(int Agent, int ReasoningTokens, int AnswerTokens, int InjectedTokens);
