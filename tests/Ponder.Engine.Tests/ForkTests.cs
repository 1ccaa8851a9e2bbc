namespace Ponder.Engine.Tests;

public sealed class ForkTests
{
    [Theory, MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public async Task A_fork_does_not_decode_the_prompt_again(string model)
    {
        await using var engine = TestModels.Start(model);
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("Once upon a time there was a little dog who liked to run", TestModels.Greedy(12)), ct);
        var forks = Enumerable.Range(0, 7).Select(_ => engine.Generate(GenerationRequest.Fork(root.Id, TestModels.Greedy(12)), ct)).ToList();

        var rootResult = await root.CollectAsync(ct);
        var forkResults = await Task.WhenAll(forks.Select(f => f.CollectAsync(ct)));

        Assert.Equal(root.PromptTokens, engine.Stats.PromptTokensDecoded);
        // Same prompt cells, same greedy sampler: every fork continues exactly as its parent does.
        Assert.All(forkResults, f => Assert.Equal(rootResult.Tokens, f.Tokens));
        Assert.Equal(0, engine.Stats.ReservedCells);
    }

    [Theory, InlineData(1), InlineData(4)]
    public async Task Forks_still_start_when_their_parent_ends_at_its_first_token(int maxSequences)
    {
        await using var engine = TestModels.Start("random", maxSequences: maxSequences);
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("a prompt for everyone", TestModels.Greedy(1)), ct);
        var forks = Enumerable.Range(0, 6).Select(_ => engine.Generate(GenerationRequest.Fork(root.Id, TestModels.Greedy(5)), ct)).ToList();
        var rootResult = await root.CollectAsync(ct);
        var results = await Task.WhenAll(forks.Select(f => f.CollectAsync(ct)));
        Assert.All(results, r => Assert.Equal(FinishReason.Length, r.Finish));
        Assert.All(results, r => Assert.Equal(rootResult.Tokens[0], r.Tokens[0]));
        Assert.Equal(root.PromptTokens, engine.Stats.PromptTokensDecoded);
        Assert.Equal(0, engine.Stats.ReservedCells);
        // Every slot is free again: MaxSequences sequences run at once.
        var again = await Task.WhenAll(Enumerable.Range(0, maxSequences).Select(_ =>
            engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(3)), ct).CollectAsync(ct)));
        Assert.All(again, r => Assert.Equal(3, r.Tokens.Count));
    }

    [Fact]
    public async Task Forks_of_a_parent_cancelled_before_its_prompt_was_decoded_end_with_an_error()
    {
        await using var engine = TestModels.Start("random");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(4)), cancel.Token);
        GenerationStream fork;
        try { fork = engine.Generate(GenerationRequest.Fork(root.Id, TestModels.Greedy(4)), ct); }
        catch (InvalidOperationException) { return; } // the loop was quicker: the parent had already finished
        Assert.Equal(FinishReason.Cancelled, (await root.CollectAsync(ct)).Finish);
        Assert.Equal(FinishReason.Error, (await fork.CollectAsync(ct)).Finish);
    }

    [Fact]
    public async Task Forks_with_different_seeds_sample_different_continuations()
    {
        await using var engine = TestModels.Start("random");
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("abc", new SamplingOptions(Temperature: 1.5f, Seed: 0, MaxTokens: 16, IgnoreEos: true)), ct);
        var forks = Enumerable.Range(1, 4).Select(i => engine.Generate(
            GenerationRequest.Fork(root.Id, new SamplingOptions(Temperature: 1.5f, Seed: i, MaxTokens: 16, IgnoreEos: true)), ct)).ToList();
        var texts = (await Task.WhenAll(forks.Append(root).Select(f => f.CollectAsync(ct)))).Select(r => string.Join(",", r.Tokens)).ToHashSet();
        Assert.True(texts.Count > 1);
    }

    [Fact]
    public async Task Forking_from_a_finished_sequence_is_a_clear_error()
    {
        await using var engine = TestModels.Start("random");
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(2)), ct);
        await root.CollectAsync(ct);
        var e = Assert.Throws<InvalidOperationException>(() => engine.Generate(GenerationRequest.Fork(root.Id), ct));
        Assert.Contains("fork while the parent is live", e.Message);
    }

    [Fact]
    public async Task Without_the_unified_cache_sequences_run_but_forks_are_refused()
    {
        await using var engine = InferenceLoop.Start(new EngineOptions(RandomLlama.Path(), ContextSize: 512, MaxSequences: 4,
            UnifiedKvCache: false, BatchSize: 64, Threads: 2));
        var ct = TestContext.Current.CancellationToken;
        var root = engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(8)), ct);
        var e = Assert.Throws<InvalidOperationException>(() => engine.Generate(GenerationRequest.Fork(root.Id), ct));
        Assert.Contains("UnifiedKvCache = true", e.Message);
        Assert.Equal(8, (await root.CollectAsync(ct)).Tokens.Count);
        // Each of the 4 slots has 512 / 4 cells of its own.
        Assert.Throws<PromptTooLongException>(() => engine.Generate(GenerationRequest.FromTokens(Enumerable.Repeat(300, 200).ToArray()), ct));
    }
}
