using Ponder.Engine;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning.Tests;

/// <summary>The three modes on random-weight models (Ponder's vocabulary and a Qwen3-style ChatML one).</summary>
public sealed class ModeTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Models => ["ponder", "qwen"];
    static string PathOf(string model) => model == "ponder" ? ReasoningModels.Ponder : ReasoningModels.Qwen;

    [Theory, MemberData(nameof(Models))]
    public async Task Instant_produces_no_reasoning(string model)
    {
        await using var engine = ReasoningModels.Start(PathOf(model));
        var reasoner = Reasoner.For(engine);
        var result = await reasoner.RunAsync(ReasoningRequest.Ask("What is 2+2?", ReasoningMode.Instant) with { Seed = 1, MaxAnswerTokens = 12 }, Ct);
        Assert.Equal("", result.Reasoning);
        Assert.Equal(ThoughtEnd.None, result.ThoughtEnd);
        Assert.Equal(0, result.Usage.ReasoningTokens);
        Assert.InRange(result.Usage.AnswerTokens, 1, 12);
        Assert.Equal(result.Usage.AnswerTokens, result.Usage.CompletionTokens);
        Assert.Equal(engine.Tokenize(reasoner.Profile.FormatPrompt([ChatMessage.User("What is 2+2?")], false)).Length, result.Usage.PromptTokens);
    }

    [Theory]
    [InlineData("ponder", 1), InlineData("ponder", 9), InlineData("ponder", 24), InlineData("qwen", 1), InlineData("qwen", 9), InlineData("qwen", 24)]
    public async Task Thinking_budget_is_enforced_to_the_token(string model, int budget)
    {
        await using var engine = ReasoningModels.Start(PathOf(model));
        var reasoner = Reasoner.For(engine);
        var request = ReasoningRequest.Ask("What is 12 times 7?") with { ThinkingBudget = budget, Seed = 5, MaxAnswerTokens = 8 };
        var result = await reasoner.RunAsync(request, Ct);

        var wrapUp = engine.Tokenize(ReasoningRequest.DefaultWrapUp, addBos: false).Length;
        var after = reasoner.Profile.AfterThinkClose.Length == 0 ? 0 : engine.Tokenize(reasoner.Profile.AfterThinkClose, addBos: false).Length;
        Assert.Single(engine.Tokenize(reasoner.Profile.ThinkClose!, addBos: false)); // </think> is one control token in both vocabularies
        if (result.ThoughtEnd == ThoughtEnd.BudgetReached)
        {
            // Exactly the budget was sampled; the wrap-up and close marker are Ponder's, counted as injected.
            Assert.Equal(budget, result.Usage.ReasoningTokens);
            Assert.Equal(wrapUp + 1 + after, result.Usage.InjectedTokens);
            Assert.EndsWith(ReasoningRequest.DefaultWrapUp, result.Reasoning);
        }
        else Assert.InRange(result.Usage.ReasoningTokens, 1, budget); // the model closed its thought (or its turn) first
        Assert.InRange(result.Usage.AnswerTokens, 1, 8);
        Assert.Equal(result.Usage.ReasoningTokens + result.Usage.AnswerTokens, result.Usage.CompletionTokens);
        for (var i = 0; i < 100 && engine.Stats.LiveSequences > 0; i++) await Task.Delay(10, Ct);
        Assert.Equal(0, engine.Stats.LiveSequences);
    }

    [Fact]
    public async Task Thinking_at_the_budget_continues_in_the_same_sequence_without_decoding_the_prompt_again()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Qwen);
        var result = await Reasoner.For(engine).RunAsync(ReasoningRequest.Ask("Count to ten.") with { ThinkingBudget = 20, Temperature = 0, MaxAnswerTokens = 5 }, Ct);
        Assert.Equal(ThoughtEnd.BudgetReached, result.ThoughtEnd);
        Assert.Equal(result.Usage.PromptTokens, engine.Stats.PromptTokensDecoded);
        // Sampled tokens fed back plus the forced ones: nothing was decoded twice.
        Assert.Equal(result.Usage.ReasoningTokens + result.Usage.InjectedTokens + result.Usage.AnswerTokens - 1, engine.Stats.GeneratedTokensDecoded);
    }

    [Fact]
    public async Task A_random_model_never_closes_its_thought_so_every_budget_is_reached()
    {
        // Greedy on a random model: the same loop every time, without </think>; so the budget must cut it.
        await using var engine = ReasoningModels.Start(ReasoningModels.Qwen);
        var reasoner = Reasoner.For(engine);
        foreach (var budget in new[] { 3, 16, 40 })
        {
            var result = await reasoner.RunAsync(ReasoningRequest.Ask("Count to ten.") with { ThinkingBudget = budget, Temperature = 0, WrapUp = null, MaxAnswerTokens = 4 }, Ct);
            Assert.Equal(ThoughtEnd.BudgetReached, result.ThoughtEnd);
            Assert.Equal(budget, result.Usage.ReasoningTokens);
            Assert.Equal(1 + engine.Tokenize("\n\n", addBos: false).Length, result.Usage.InjectedTokens); // </think> + Qwen's "\n\n"
        }
    }

    [Fact]
    public async Task A_zero_budget_closes_the_thought_at_once()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var result = await Reasoner.For(engine).RunAsync(ReasoningRequest.Ask("2+2?") with { ThinkingBudget = 0, MaxAnswerTokens = 4 }, Ct);
        Assert.Equal(0, result.Usage.ReasoningTokens);
        Assert.Equal(ThoughtEnd.BudgetReached, result.ThoughtEnd);
        Assert.Equal(1, result.Usage.InjectedTokens); // just </think>: no wrap-up when nothing was thought
    }

    [Fact]
    public async Task The_stream_carries_the_reasoning_and_answer_and_ends_with_the_result()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var events = new List<ReasoningEvent>();
        await foreach (var e in Reasoner.For(engine).StreamAsync(ReasoningRequest.Ask("Why?") with { ThinkingBudget = 12, Seed = 2, MaxAnswerTokens = 6 }, Ct))
            events.Add(e);
        var result = Assert.IsType<ReasoningCompleted>(events[^1]).Result;
        Assert.Equal(result.Reasoning, string.Concat(events.OfType<ReasoningDelta>().Select(d => d.Text)));
        Assert.Equal(result.Answer, string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text)));
        Assert.Contains(events, e => e is AgentProgress { State: AgentState.Done });
    }

    [Fact]
    public async Task Completion_models_run_Instant_and_refuse_Thinking_before_anything_runs()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var reasoner = Reasoner.For(engine, "completion");
        var result = await reasoner.RunAsync(ReasoningRequest.Ask("Once upon a time", ReasoningMode.Instant) with { MaxAnswerTokens = 5 }, Ct);
        Assert.InRange(result.Usage.AnswerTokens, 1, 5);
        var e = Assert.Throws<Profiles.ReasoningModeNotSupportedException>(() => reasoner.StreamAsync(ReasoningRequest.Ask("Once", ReasoningMode.Thinking), Ct));
        Assert.Contains("completion", e.Message);
        Assert.Equal(0, engine.Stats.LiveSequences);
    }

    [Theory]
    [InlineData(nameof(ReasoningRequest.Agents), "1 to 15")]
    [InlineData(nameof(ReasoningRequest.ThinkingBudget), "0 or more")]
    [InlineData(nameof(ReasoningRequest.Temperature), "0 (greedy) or more")]
    [InlineData(nameof(ReasoningRequest.TopP), "(0, 1]")]
    [InlineData(nameof(ReasoningRequest.TopLogProbs), "0 to 20")]
    [InlineData(nameof(ReasoningRequest.Stop), "non-empty")]
    public async Task Impossible_parameters_name_the_parameter_and_its_range(string parameter, string range)
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var reasoner = Reasoner.For(engine); // 16 sequences: 15 agents and the shared prompt
        var ok = ReasoningRequest.Ask("2+2?", ReasoningMode.Contemplating);
        ReasoningRequest[] bad = parameter switch
        {
            "Agents" => [ok with { Agents = 0 }, ok with { Agents = 16 }],
            "ThinkingBudget" => [ok with { ThinkingBudget = -1 }],
            "Temperature" => [ok with { Temperature = -0.5f }, ok with { Temperature = float.NaN }],
            "TopLogProbs" => [ok with { LogProbs = true, TopLogProbs = 21 }, ok with { LogProbs = true, TopLogProbs = -1 }],
            "Stop" => [ok with { Stop = ["x", ""] }],
            _ => [ok with { TopP = 0 }, ok with { TopP = 1.5f }],
        };
        foreach (var request in bad)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => reasoner.StreamAsync(request, Ct));
            Assert.Equal(parameter, e.ParamName);
            Assert.Contains(parameter, e.Message);
            Assert.Contains(range, e.Message);
        }
    }

    [Fact]
    public async Task Top_logprobs_need_logprobs_on()
    {
        await using var engine = ReasoningModels.Start(ReasoningModels.Ponder);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Reasoner.For(engine).StreamAsync(ReasoningRequest.Ask("2+2?") with { TopLogProbs = 3 }, Ct));
        Assert.Equal(nameof(ReasoningRequest.TopLogProbs), e.ParamName);
        Assert.Contains("LogProbs", e.Message);
    }
}
