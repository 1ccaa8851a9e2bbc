namespace Ponder.Reasoning;

/// <summary>Tokens spent, the currency of every path. PromptTokens: the formatted conversation (decoded once, however
/// many agents) plus a refinement prompt if one ran. ReasoningTokens: tokens the model sampled inside its thoughts
/// (its own close marker included). AnswerTokens: tokens sampled after the thought (refinement included).
/// InjectedTokens: text Ponder inserted itself — the wrap-up message and the close marker at a budget — counted
/// in neither reasoning nor answer. CompletionTokens = ReasoningTokens + AnswerTokens, what OpenAI bills as completion.
/// For Contemplating, Agents holds each agent's share; ReasoningTokens and AnswerTokens are their sums (+ refinement).</summary>
public sealed record ReasoningUsage(int PromptTokens, int ReasoningTokens, int AnswerTokens, int InjectedTokens,
    IReadOnlyList<AgentUsage> Agents)
{
    public int CompletionTokens => ReasoningTokens + AnswerTokens;
}
