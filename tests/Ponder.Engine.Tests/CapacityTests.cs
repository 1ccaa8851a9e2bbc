namespace Ponder.Engine.Tests;

public sealed class CapacityTests
{
    static SamplingOptions Endless => new(Temperature: 0, MaxTokens: 100_000, IgnoreEos: true);

    [Fact]
    public async Task Cancellation_frees_the_sequence_cells()
    {
        await using var engine = TestModels.Start("random", maxSequences: 1);
        var ct = TestContext.Current.CancellationToken;
        var reference = await engine.Generate(GenerationRequest.FromText("hello", TestModels.Greedy(20)), ct).CollectAsync(ct);

        using var cancel = new CancellationTokenSource();
        var stream = engine.Generate(GenerationRequest.FromText("a different and longer prompt", Endless), cancel.Token);
        for (var i = 0; i < 5; i++) await stream.Events.ReadAsync(ct);
        Assert.Equal(1, engine.Stats.LiveSequences);
        cancel.Cancel();
        var rest = await stream.CollectAsync(ct);
        Assert.Equal(FinishReason.Cancelled, rest.Finish);
        Assert.Equal(0, engine.Stats.LiveSequences);
        Assert.Equal(0, engine.Stats.ReservedCells);

        // The same slot again: if the cancelled sequence's cells were still there, attention would see them.
        var again = await engine.Generate(GenerationRequest.FromText("hello", TestModels.Greedy(20)), ct).CollectAsync(ct);
        Assert.Equal(reference.Tokens, again.Tokens);
    }

    [Fact]
    public async Task A_full_queue_fails_with_over_capacity()
    {
        await using var engine = TestModels.Start("random", maxSequences: 1, queueCapacity: 1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var accepted = new List<GenerationStream>();
        EngineOverCapacityException? refused = null;
        for (var i = 0; i < 4 && refused is null; i++)
        {
            try { accepted.Add(engine.Generate(GenerationRequest.FromText("abc", Endless), cancel.Token)); }
            catch (EngineOverCapacityException e) { refused = e; }
        }
        Assert.NotNull(refused);
        Assert.StartsWith("over capacity: ", refused.Message);
        Assert.Contains("queue full", refused.Message);
        cancel.Cancel();
        foreach (var s in accepted) Assert.Equal(FinishReason.Cancelled, (await s.CollectAsync(TestContext.Current.CancellationToken)).Finish);
    }

    [Fact]
    public async Task A_request_that_waits_past_the_queue_timeout_fails_with_over_capacity()
    {
        // The busy sequence must outlive the timeout. Once in CI the waiting request ran instead; the one way the busy
        // sequence can end early is a full context, and the tiny model decodes hundreds of tokens in 200 ms, so it gets
        // a context it cannot fill for many seconds.
        await using var engine = TestModels.Start("random", contextSize: 16384, maxSequences: 1,
            queueTimeout: TimeSpan.FromMilliseconds(200));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var busy = engine.Generate(GenerationRequest.FromText("abc", Endless), cancel.Token);
        await busy.Events.ReadAsync(TestContext.Current.CancellationToken);
        var waiting = engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(4)), TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<EngineOverCapacityException>(() => waiting.CollectAsync(TestContext.Current.CancellationToken));
        Assert.Contains("1 sequences live", e.Message);
        cancel.Cancel();
        Assert.Equal(FinishReason.Cancelled, (await busy.CollectAsync(TestContext.Current.CancellationToken)).Finish);
    }

    [Fact]
    public async Task A_request_waits_for_cells_and_then_runs()
    {
        // 64 cells: the first sequence reserves 3 + 40, so the second (3 + 40) must wait for it to finish.
        await using var engine = TestModels.Start("random", contextSize: 64, maxSequences: 4);
        var ct = TestContext.Current.CancellationToken;
        var first = engine.Generate(GenerationRequest.FromText("ab", TestModels.Greedy(40)), ct);
        var second = engine.Generate(GenerationRequest.FromText("ab", TestModels.Greedy(40)), ct);
        var results = await Task.WhenAll(first.CollectAsync(ct), second.CollectAsync(ct));
        Assert.Equal(results[0].Tokens, results[1].Tokens);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused_not_truncated()
    {
        await using var engine = TestModels.Start("random", contextSize: 64);
        var e = Assert.Throws<PromptTooLongException>(() =>
            engine.Generate(GenerationRequest.FromTokens(Enumerable.Repeat(300, 100).ToArray()), TestContext.Current.CancellationToken));
        Assert.Contains("100 tokens but the context holds 64", e.Message);
    }

    [Fact]
    public async Task Impossible_sampling_parameters_name_the_parameter_and_its_range()
    {
        await using var engine = TestModels.Start("random");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            engine.Generate(GenerationRequest.FromText("a", new SamplingOptions(TopP: 1.5f)), TestContext.Current.CancellationToken));
        Assert.Contains("TopP is 1.5; expected a value in (0, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            engine.Generate(GenerationRequest.FromText("a", new SamplingOptions(Temperature: -1)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Disposing_the_engine_ends_every_sequence_and_refuses_new_ones()
    {
        var engine = TestModels.Start("random", maxSequences: 1);
        var ct = TestContext.Current.CancellationToken;
        var running = engine.Generate(GenerationRequest.FromText("abc", Endless), ct);
        var waiting = engine.Generate(GenerationRequest.FromText("abc", Endless), ct);
        await running.Events.ReadAsync(ct);
        await engine.DisposeAsync();
        Assert.Equal(FinishReason.Cancelled, (await running.CollectAsync(ct)).Finish);
        Assert.Equal(FinishReason.Cancelled, (await waiting.CollectAsync(ct)).Finish);
        Assert.Throws<ObjectDisposedException>(() => engine.Generate(GenerationRequest.FromText("abc"), ct));
    }
}
