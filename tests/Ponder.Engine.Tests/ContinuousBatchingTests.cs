namespace Ponder.Engine.Tests;

public sealed class ContinuousBatchingTests
{
    static readonly string[] Prompts =
    [
        "Once upon a time", "The cat", "A little girl named Lily went to the park and saw a big red ball",
        "He", "One day, the sun was shining and the birds", "Tom and Sue", "Mom said", "They played all day long and then",
    ];

    [Theory, MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public async Task Continuous_batching_gives_the_same_greedy_tokens_as_one_at_a_time(string model)
    {
        await using var engine = TestModels.Start(model);
        var alone = new List<IReadOnlyList<int>>();
        foreach (var p in Prompts)
            alone.Add((await engine.Generate(GenerationRequest.FromText(p, TestModels.Greedy(24)), TestContext.Current.CancellationToken).CollectAsync(TestContext.Current.CancellationToken)).Tokens);

        // Staggered arrivals: later prompts join (and prefill) while earlier ones are decoding.
        var streams = new List<Task<GenerationResult>>();
        foreach (var p in Prompts)
        {
            streams.Add(engine.Generate(GenerationRequest.FromText(p, TestModels.Greedy(24)), TestContext.Current.CancellationToken).CollectAsync(TestContext.Current.CancellationToken));
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
        var together = await Task.WhenAll(streams);

        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(FinishReason.Length, together[i].Finish);
            Assert.Equal(alone[i], together[i].Tokens);
        }
        Assert.True(engine.Stats.Steps < Prompts.Length * 25 * 2, $"expected shared steps, saw {engine.Stats.Steps}");
    }

    [Theory, MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public async Task Sixty_four_concurrent_sequences_run_without_error(string model)
    {
        await using var engine = TestModels.Start(model, contextSize: 4096, maxSequences: 64);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            engine.Generate(GenerationRequest.FromText($"Story {i}:", new SamplingOptions(Temperature: 0.8f, Seed: i, MaxTokens: 16, IgnoreEos: true)), TestContext.Current.CancellationToken).CollectAsync(TestContext.Current.CancellationToken)));
        Assert.All(results, r => Assert.Equal(FinishReason.Length, r.Finish));
        Assert.All(results, r => Assert.Equal(16, r.Tokens.Count));
        Assert.Equal(0, engine.Stats.LiveSequences);
        Assert.Equal(0, engine.Stats.ReservedCells);
    }

    [Fact]
    public async Task A_long_prompt_is_prefilled_in_chunks_while_others_decode()
    {
        await using var engine = TestModels.Start("random");
        var ct = TestContext.Current.CancellationToken;
        var shortOne = engine.Generate(GenerationRequest.FromTokens([1, 300, 301], TestModels.Greedy(40)), ct);
        var first = await shortOne.Events.ReadAsync(ct);
        Assert.NotNull(first.Token);
        // 200 prompt tokens at 16 per chunk take 13 steps; the short sequence keeps producing a token each step.
        var longOne = engine.Generate(GenerationRequest.FromTokens([1, .. Enumerable.Range(0, 199).Select(i => 259 + i % 60)], TestModels.Greedy(4)), ct);
        var shortResult = await shortOne.CollectAsync(ct);
        var longResult = await longOne.CollectAsync(ct);
        Assert.Equal(39, shortResult.Tokens.Count);
        Assert.Equal(4, longResult.Tokens.Count);
        Assert.True(engine.Stats.Steps < 40 + 13 + 4, $"prefill should share steps with decoding; {engine.Stats.Steps} steps");
    }
}
