namespace Ponder.Engine.Tests;

/// <summary>Stop tokens and forced tokens: what the reasoning layer's thinking budgets stand on.</summary>
public sealed class ForcedTokensTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stop_token_ends_the_sequence_when_sampled()
    {
        await using var engine = TestModels.Start("random");
        var free = await engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(12)), Ct).CollectAsync(Ct);
        var stopAt = free.Tokens[4];
        var first = free.Tokens.ToList().IndexOf(stopAt);
        var stopped = await engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(12) with { StopTokens = [stopAt] }), Ct).CollectAsync(Ct);
        Assert.Equal(FinishReason.Stop, stopped.Finish);
        Assert.Equal(free.Tokens.Take(first + 1), stopped.Tokens);
    }

    [Fact]
    public async Task Forced_tokens_follow_the_Nth_sampled_token_and_generation_continues_as_if_they_were_prompt()
    {
        await using var engine = TestModels.Start("random");
        var prompt = engine.Tokenize("Once upon");
        int[] forced = [.. engine.Tokenize("xyz", addBos: false)];
        var result = await engine.Generate(GenerationRequest.FromTokens(prompt, TestModels.Greedy(10) with { Force = new ForcedTokens(4, forced) }), Ct).CollectAsync(Ct);
        var sampled = result.Events.Where(e => e.Token is not null && !e.Forced).Select(e => e.Token!.Value).ToList();
        Assert.Equal(10, sampled.Count); // forced tokens do not count towards MaxTokens
        Assert.Equal(forced, result.Events.Where(e => e.Forced).Select(e => e.Token!.Value));
        Assert.Equal(4, result.Events.TakeWhile(e => !e.Forced).Count());

        // The same as prefilling prompt + 4 sampled + forced and sampling 6 more greedily.
        var reference = await engine.Generate(GenerationRequest.FromTokens([.. prompt, .. sampled.Take(4), .. forced], TestModels.Greedy(6)), Ct).CollectAsync(Ct);
        Assert.Equal(reference.Tokens, sampled.Skip(4));
        Assert.Equal(0, engine.Stats.ReservedCells);
    }

    [Fact]
    public async Task Forcing_is_skipped_when_an_unless_token_was_sampled_first()
    {
        await using var engine = TestModels.Start("random");
        var free = await engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(8)), Ct).CollectAsync(Ct);
        var result = await engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(8) with
            { Force = new ForcedTokens(6, [5, 6], Unless: [free.Tokens[1]]) }), Ct).CollectAsync(Ct);
        Assert.DoesNotContain(result.Events, e => e.Forced);
        Assert.Equal(free.Tokens, result.Tokens);
    }
}
