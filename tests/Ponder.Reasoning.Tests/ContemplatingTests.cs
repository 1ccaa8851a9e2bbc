using Ponder.Engine;

namespace Ponder.Reasoning.Tests;

/// <summary>Contemplating on a random-weight Ponder model. What a random model cannot show (agreement, meaningful
/// confidence) is covered with constructed traces in ConfidenceTests and AnswerTests.</summary>
public sealed class ContemplatingTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agents_fork_from_the_prompt_which_is_decoded_only_once()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var request = ReasoningRequest.Ask("What is 12 times 7?", ReasoningMode.Contemplating) with
            { Agents = 6, ThinkingBudget = 16, EarlyStop = false, Refine = false, Seed = 11, MaxAnswerTokens = 6 };
        var result = await Reasoner.For(engine).RunAsync(request, Ct);

        var c = result.Contemplation!;
        Assert.Equal(6, c.AgentsRun);
        Assert.Equal(0, c.StoppedEarly);
        // Prompt tokens decoded: the prompt once. Each agent thinks and answers in its one fork (the close marker forced at
        // the budget), except an agent that ended its turn inside its thought: its answer re-reads prompt + thought.
        var expected = result.Usage.PromptTokens + c.Agents.Where(a => a.ThoughtEnd == ThoughtEnd.EndOfTurn).Sum(a =>
            result.Usage.PromptTokens + a.ReasoningTokens - 1 + result.Usage.Agents[a.Agent].InjectedTokens);
        Assert.Equal(expected, engine.Stats.PromptTokensDecoded);
        Assert.All(c.Agents, a => Assert.InRange(a.ReasoningTokens, 1, 16));
        Assert.All(c.Agents.Where(a => a.ThoughtEnd == ThoughtEnd.BudgetReached), a => Assert.Equal(16, a.ReasoningTokens));
        // Distinct seeds: not every agent thought the same.
        Assert.True(c.Agents.Select(a => a.ReasoningTokens + ":" + a.Answer).Distinct().Count() > 1 || c.Agents.Select(a => a.Confidence).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Usage_sums_add_up_per_agent_and_in_total()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var request = ReasoningRequest.Ask("Name a colour.", ReasoningMode.Contemplating) with
            { Agents = 4, ThinkingBudget = 10, Seed = 3, MaxAnswerTokens = 6, Refine = true, Temperature = 1.2f };
        var result = await Reasoner.For(engine).RunAsync(request, Ct);
        var u = result.Usage;
        Assert.Equal(4, u.Agents.Count);
        Assert.Equal(u.Agents.Sum(a => a.ReasoningTokens), u.ReasoningTokens);
        Assert.Equal(u.Agents.Sum(a => a.InjectedTokens), u.InjectedTokens);
        var refinement = u.AnswerTokens - u.Agents.Sum(a => a.AnswerTokens);
        Assert.Equal(result.Contemplation!.Refined, refinement > 0);
        Assert.InRange(refinement, 0, 6);
        Assert.All(result.Contemplation.Agents, a => Assert.Equal(u.Agents[a.Agent].ReasoningTokens, a.ReasoningTokens));
        Assert.Equal(u.ReasoningTokens + u.AnswerTokens, u.CompletionTokens);
    }

    [Fact]
    public async Task Contemplating_refines_when_no_two_agents_agree()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        // Hot sampling on a random model: every agent writes a different free-form answer.
        var request = ReasoningRequest.Ask("Describe the sea.", ReasoningMode.Contemplating) with
            { Agents = 3, ThinkingBudget = 8, Temperature = 1.5f, Seed = 21, MaxAnswerTokens = 10, EarlyStop = false };
        var events = new List<ReasoningEvent>();
        await foreach (var e in Reasoner.For(engine).StreamAsync(request, Ct)) events.Add(e);
        var result = ((ReasoningCompleted)events[^1]).Result;
        var c = result.Contemplation!;
        Assert.Equal(3, c.Agents.Select(a => a.NormalizedAnswer).Distinct().Count());
        Assert.True(c.Refined);
        Assert.Equal(1, c.Agreed);
        Assert.Equal(result.Answer, string.Concat(events.OfType<AnswerDelta>().Where(d => d.Agent is null).Select(d => d.Text)).Trim());
        Assert.True(result.Usage.PromptTokens > engine.Tokenize(Reasoner.For(engine).Profile.FormatPrompt(request.Messages, true)).Length);

        var unrefined = await Reasoner.For(engine).RunAsync(request with { Refine = false }, Ct);
        Assert.False(unrefined.Contemplation!.Refined);
        Assert.Equal(unrefined.Contemplation.Agents[unrefined.Contemplation.Agents.MaxBy(a => a.Confidence)!.Agent].Answer.Length > 0, unrefined.Answer.Length > 0);
    }

    [Fact]
    public async Task Early_stop_cancels_traces_below_the_warmup_threshold()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        // Percentile 100: the threshold is the better warm-up trace's confidence, so most later traces fall below it.
        var reasoner = new Reasoner(engine, Profiles.ModelProfiles.Ponder, new ReasonerOptions(MaxAgents: 15, EarlyStopPercentile: 100, ConfidenceWindow: 4));
        var request = ReasoningRequest.Ask("What is 12 times 7?", ReasoningMode.Contemplating) with
            { Agents = 12, ThinkingBudget = 48, Temperature = 1.0f, Seed = 4, MaxAnswerTokens = 4, Refine = false };
        var result = await reasoner.RunAsync(request, Ct);
        var c = result.Contemplation!;
        Assert.NotNull(c.EarlyStopThreshold);
        Assert.True(c.StoppedEarly > 0, $"no trace stopped early; threshold {c.EarlyStopThreshold}, confidences {string.Join(", ", c.Agents.Select(a => a.Confidence))}");
        Assert.All(c.Agents.Where(a => a.StoppedEarly), a =>
        {
            Assert.Equal(0, a.AnswerTokens);
            Assert.Equal("", a.Answer);
            Assert.True(a.ReasoningTokens < 48);
        });
        Assert.Equal(0, engine.Stats.LiveSequences);
        Assert.Equal(0, engine.Stats.ReservedCells);
    }

    [Fact]
    public async Task Cancelling_a_request_frees_every_sequence_and_cell()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder, contextSize: 4096);
        using var cancel = new CancellationTokenSource();
        var request = ReasoningRequest.Ask("Think long.", ReasoningMode.Contemplating) with { Agents = 8, ThinkingBudget = 400, EarlyStop = false };
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in Reasoner.For(engine).StreamAsync(request, cancel.Token))
                if (e is AgentProgress && ++seen == 8) cancel.Cancel();
        });
        for (var i = 0; i < 100 && (engine.Stats.LiveSequences > 0 || engine.Stats.ReservedCells > 0); i++) await Task.Delay(10, Ct);
        Assert.Equal(0, engine.Stats.LiveSequences);
        Assert.Equal(0, engine.Stats.QueuedRequests);
        Assert.Equal(0, engine.Stats.ReservedCells);
        // The engine still serves.
        var after = await Reasoner.For(engine).RunAsync(ReasoningRequest.Ask("2+2?", ReasoningMode.Instant) with { MaxAnswerTokens = 3 }, Ct);
        Assert.InRange(after.Usage.AnswerTokens, 1, 3);
    }
}
