using System.Text;

namespace Ponder.Reasoning.Tests;

/// <summary>Log-probabilities of the sampled tokens flow from the engine through every mode, streamed and in the result.</summary>
public sealed class LogProbTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const int ControlTokens = 8; // both test vocabularies start with 8 control tokens, which render as no text

    static void AssertWellFormed(IReadOnlyList<TokenLogProb> entries, int top, bool greedy)
    {
        Assert.All(entries, e =>
        {
            Assert.True(e.LogProb <= 0, $"log-probability {e.LogProb}");
            Assert.Equal(top, e.TopLogProbs.Count);
            Assert.Equal(e.TopLogProbs.OrderByDescending(a => a.LogProb).Select(a => a.Token), e.TopLogProbs.Select(a => a.Token));
            if (top > 0) Assert.True(e.LogProb <= e.TopLogProbs[0].LogProb + 1e-5);
            if (top > 0 && greedy) Assert.Equal(e.TopLogProbs[0].Token, e.Token);
            Assert.NotEmpty(e.Bytes);
        });
    }

    static string Spell(IEnumerable<TokenLogProb> entries) =>
        Encoding.UTF8.GetString(entries.Where(e => e.Token >= ControlTokens).SelectMany(e => e.Bytes).ToArray());

    [Fact]
    public async Task Thinking_reports_a_log_probability_for_every_sampled_token_streamed_and_in_the_result()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Qwen);
        var request = ReasoningRequest.Ask("Count to ten.") with
            { ThinkingBudget = 12, Temperature = 0, MaxAnswerTokens = 10, WrapUp = null, LogProbs = true, TopLogProbs = 3 };
        var events = new List<ReasoningEvent>();
        await foreach (var e in Reasoner.For(engine).StreamAsync(request, Ct)) events.Add(e);
        var result = ((ReasoningCompleted)events[^1]).Result;

        Assert.Equal(result.Usage.ReasoningTokens, result.ReasoningLogProbs!.Count); // the budget ran out: no end-of-turn token in the thought
        var answerEnded = result.Finish == Engine.FinishReason.Stop ? 1 : 0; // an end-of-turn token has no entry
        Assert.Equal(result.Usage.AnswerTokens - answerEnded, result.AnswerLogProbs!.Count);
        AssertWellFormed(result.ReasoningLogProbs, 3, greedy: true);
        AssertWellFormed(result.AnswerLogProbs, 3, greedy: true);
        Assert.Equal(result.Answer, Spell(result.AnswerLogProbs));
        Assert.Equal(result.Reasoning, Spell(result.ReasoningLogProbs));

        Assert.Equal(result.AnswerLogProbs, events.OfType<AnswerDelta>().SelectMany(d => d.LogProbs ?? []));
        Assert.Equal(result.ReasoningLogProbs, events.OfType<ReasoningDelta>().SelectMany(d => d.LogProbs ?? []));
    }

    [Fact]
    public async Task Without_logprobs_nothing_is_reported()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var events = new List<ReasoningEvent>();
        await foreach (var e in Reasoner.For(engine).StreamAsync(ReasoningRequest.Ask("Hi", ReasoningMode.Contemplating) with
            { Agents = 2, ThinkingBudget = 6, MaxAnswerTokens = 4, Seed = 1 }, Ct)) events.Add(e);
        var result = ((ReasoningCompleted)events[^1]).Result;
        Assert.Null(result.AnswerLogProbs);
        Assert.Null(result.ReasoningLogProbs);
        Assert.All(events.OfType<AnswerDelta>(), d => Assert.Null(d.LogProbs));
        Assert.All(events.OfType<ReasoningDelta>(), d => Assert.Null(d.LogProbs));
    }

    [Fact]
    public async Task Instant_answer_entries_spell_the_answer()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var result = await Reasoner.For(engine).RunAsync(ReasoningRequest.Ask("Hi", ReasoningMode.Instant) with
            { Temperature = 1, Seed = 3, MaxAnswerTokens = 16, LogProbs = true }, Ct);
        Assert.Equal(result.Usage.AnswerTokens - (result.Finish == Engine.FinishReason.Stop ? 1 : 0), result.AnswerLogProbs!.Count);
        AssertWellFormed(result.AnswerLogProbs, 0, greedy: false);
        Assert.Equal(result.Answer, Spell(result.AnswerLogProbs));
        Assert.Empty(result.ReasoningLogProbs!);
    }

    [Theory]
    [InlineData(2), InlineData(8)]
    public async Task Contemplating_reports_the_chosen_thought_and_answer_and_its_confidence_does_not_depend_on_top_logprobs(int top)
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var reasoner = Reasoner.For(engine);
        var request = ReasoningRequest.Ask("What is 2+2?", ReasoningMode.Contemplating) with
            { Agents = 3, ThinkingBudget = 10, Temperature = 0.9f, Seed = 7, MaxAnswerTokens = 8, EarlyStop = false, Refine = false };
        var plain = await reasoner.RunAsync(request, Ct);
        var events = new List<ReasoningEvent>();
        await foreach (var e in reasoner.StreamAsync(request with { LogProbs = true, TopLogProbs = top }, Ct)) events.Add(e);
        var result = ((ReasoningCompleted)events[^1]).Result;

        // DeepConf reads its own top-k (5) whatever the request asks, so the agents and the vote come out the same.
        Assert.Equal(plain.Contemplation!.Agents.Select(a => a.Confidence), result.Contemplation!.Agents.Select(a => a.Confidence));
        Assert.Equal(plain.Answer, result.Answer);
        AssertWellFormed(result.AnswerLogProbs!, top, greedy: false);
        AssertWellFormed(result.ReasoningLogProbs!, top, greedy: false);
        // The chosen thought and answer are one agent's, as that agent streamed them.
        var final = events.OfType<ReasoningDelta>().Single(d => d.Agent is null);
        Assert.Equal(result.Reasoning, final.Text);
        Assert.Equal(result.ReasoningLogProbs, final.LogProbs);
        var agents = Enumerable.Range(0, 3).Select(i => (
            Thought: events.OfType<ReasoningDelta>().Where(d => d.Agent == i).ToList(),
            Answer: events.OfType<AnswerDelta>().Where(d => d.Agent == i).ToList())).ToList();
        Assert.Contains(agents, a => string.Concat(a.Thought.Select(d => d.Text)) == result.Reasoning
            && a.Thought.SelectMany(d => d.LogProbs ?? []).SequenceEqual(result.ReasoningLogProbs!)
            && a.Answer.SelectMany(d => d.LogProbs ?? []).SequenceEqual(result.AnswerLogProbs!));
        Assert.Equal(result.AnswerLogProbs, events.OfType<AnswerDelta>().Where(d => d.Agent is null).SelectMany(d => d.LogProbs ?? []));
        Assert.Equal(result.Answer, Spell(result.AnswerLogProbs!).Trim());
    }
}
