using Ponder.Engine;
using Ponder.Reasoning;
using Ponder.Server.Errors;

namespace Ponder.Server.Wire;

/// <summary>The edge between OpenAI's vocabulary and Ponder's (DESIGN decision 6): reasoning_effort none → Instant;
/// minimal/low/medium/high → Thinking with growing budgets; xhigh → Contemplating; the "ponder" object overrides mode,
/// agents and budget. With no effort and no mode, Thinking at the medium budget (OpenAI's default effort), or Instant
/// for a profile that cannot think. max_completion_tokens bounds each agent's thought + answer: the thought gets its
/// budget if that leaves room, else three quarters, and the answer the rest.</summary>
public static class ReasoningMapping
{
    public static ReasoningRequest ToReasoning(ChatCompletionRequest r, Reasoner reasoner, ServerOptions o, int choice = 0)
    {
        var mode = r.Ponder?.Mode ?? r.ReasoningEffort switch
        {
            "none" => ReasoningMode.Instant,
            "xhigh" => ReasoningMode.Contemplating,
            null when !reasoner.Profile.SupportsThinking => ReasoningMode.Instant,
            _ => ReasoningMode.Thinking,
        };
        var budget = r.Ponder?.ThinkingBudget ?? r.ReasoningEffort switch
        {
            "minimal" => o.BudgetMinimal,
            "low" => o.BudgetLow,
            "high" or "xhigh" => o.BudgetHigh,
            _ => o.BudgetMedium,
        };
        int answer;
        if (mode == ReasoningMode.Instant) { answer = r.MaxCompletionTokens ?? o.DefaultMaxAnswerTokens; budget = 0; }
        else if (r.MaxCompletionTokens is { } max)
        {
            if (max < 2) throw ApiException.Invalid("max_completion_tokens", $"max_completion_tokens is {max}; a reasoning mode needs at least 2 (one to think, one to answer), or set reasoning_effort to none.");
            if (budget >= max) budget = max * 3 / 4;
            answer = max - budget;
        }
        else answer = o.DefaultMaxAnswerTokens;
        if (budget + answer > o.MaxTokensPerRequest)
            throw ApiException.Invalid("ponder.thinking_budget", $"thinking budget {budget} + answer {answer} tokens is over this server's limit of {o.MaxTokensPerRequest} per request; lower them.", "too_many_tokens");

        var agents = r.Ponder?.Agents ?? Math.Min(o.DefaultAgents, reasoner.Options.MaxAgents);
        if (mode == ReasoningMode.Contemplating && agents > reasoner.Options.MaxAgents)
            throw ApiException.Invalid("ponder.agents", $"ponder.agents is {agents}; this model's engine runs at most {reasoner.Options.MaxAgents}.");

        var defaults = new ReasoningRequest(r.Messages);
        return defaults with
        {
            Mode = mode, ThinkingBudget = budget, Agents = agents, MaxAnswerTokens = answer,
            Temperature = r.Temperature ?? defaults.Temperature,
            TopP = r.TopP is { } p ? Math.Max(p, 1e-6f) : defaults.TopP, // OpenAI allows top_p 0: keep only the top token
            // Choices of one request differ by seed (the same seed would give n identical answers)
            Seed = r.Seed is { } s ? unchecked(s + choice * 7919) : null,
            Stop = r.Stop, LogProbs = r.LogProbs, TopLogProbs = r.TopLogProbs ?? 0,
        };
    }

    public static string FinishReason(FinishReason finish) => finish switch
    {
        Engine.FinishReason.Length => "length",
        _ => "stop",
    };

    /// <summary>choices[].logprobs from the reasoning layer's entries; null when the request did not ask (both null).</summary>
    public static ChoiceLogprobs? Logprobs(IReadOnlyList<TokenLogProb>? content, IReadOnlyList<TokenLogProb>? reasoning) =>
        content is null && reasoning is null ? null
            : new(content?.Select(Entry).ToList() ?? [], reasoning is { Count: > 0 } ? reasoning.Select(Entry).ToList() : null);

    static TokenLogprob Entry(TokenLogProb t) => new(TokenString(t.Bytes), Finite(t.LogProb), Ints(t.Bytes),
        t.TopLogProbs.Select(a => new TopLogprob(TokenString(a.Bytes), Finite(a.LogProb), Ints(a.Bytes))).ToList());

    /// <summary>The token as text; one that is not valid UTF-8 on its own (part of a character) as "bytes:\xNN…".</summary>
    public static string TokenString(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes)
        ? System.Text.Encoding.UTF8.GetString(bytes)
        : "bytes:" + string.Concat(bytes.Select(b => $"\\x{b:x2}"));

    static int[] Ints(byte[] bytes) => Array.ConvertAll(bytes, b => (int)b);

    // JSON has no -Infinity; OpenAI marks "very unlikely" with -9999
    static float Finite(float logProb) => float.IsFinite(logProb) ? logProb : -9999f;

    public static Usage Usage(IEnumerable<ReasoningResult> results)
    {
        var list = results.ToList();
        var prompt = list.Count == 0 ? 0 : list[0].Usage.PromptTokens; // the same conversation for every choice
        var reasoning = list.Sum(x => x.Usage.ReasoningTokens);
        var completion = list.Sum(x => x.Usage.CompletionTokens);
        return new Usage(prompt, completion, prompt + completion, new CompletionTokensDetails(reasoning), new PromptTokensDetails());
    }

    public static PonderInfo Info(ReasoningResult x) => new(
        x.Mode.ToString().ToLowerInvariant(), x.ThoughtEnd.ToString(), x.Usage.InjectedTokens, Math.Round(x.Elapsed.TotalMilliseconds, 1),
        x.Contemplation is not { } c ? null : new AgentsInfo(c.AgentsRun, c.StoppedEarly, c.Agreed, Math.Round(c.WinningShare, 4), c.Refined,
            c.EarlyStopThreshold, c.Agents.Select(a => new AgentInfo(a.Agent, a.Answer, Math.Round(a.Confidence, 4), a.ReasoningTokens,
                a.AnswerTokens, a.ThoughtEnd.ToString(), a.StoppedEarly)).ToList()));
}
