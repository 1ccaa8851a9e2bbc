namespace Ponder.Engine.Tests;

public sealed class SamplingTests
{
    [Theory, MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public async Task Log_probabilities_are_valid(string model)
    {
        await using var engine = TestModels.Start(model);
        var ct = TestContext.Current.CancellationToken;
        var greedy = await engine.Generate(GenerationRequest.FromText("Once upon a time",
            new SamplingOptions(Temperature: 0, MaxTokens: 12, IgnoreEos: true, LogProbs: true, TopLogProbs: 5)), ct).CollectAsync(ct);
        foreach (var e in greedy.Events)
        {
            Assert.NotNull(e.TopLogProbs);
            Assert.Equal(5, e.TopLogProbs.Count);
            Assert.True(e.LogProb <= 0);
            Assert.True(e.TopLogProbs.Sum(t => Math.Exp(t.LogProb)) <= 1 + 1e-5);
            Assert.Equal(e.TopLogProbs[0].Token, e.Token); // the greedy token is the most likely one
            Assert.Equal(e.TopLogProbs[0].LogProb, e.LogProb, 5);
            Assert.Equal(e.TopLogProbs.OrderByDescending(t => t.LogProb), e.TopLogProbs);
        }

        var sampled = await engine.Generate(GenerationRequest.FromText("Once upon a time",
            new SamplingOptions(Temperature: 1, Seed: 3, MaxTokens: 12, IgnoreEos: true, LogProbs: true, TopLogProbs: 3)), ct).CollectAsync(ct);
        Assert.All(sampled.Events, e => Assert.True(e.LogProb <= e.TopLogProbs![0].LogProb + 1e-6));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sample()
    {
        await using var engine = TestModels.Start("random");
        var ct = TestContext.Current.CancellationToken;
        var o = new SamplingOptions(Temperature: 0.9f, TopK: 40, TopP: 0.9f, MinP: 0.05f, Seed: 42, MaxTokens: 20, IgnoreEos: true);
        var a = await engine.Generate(GenerationRequest.FromText("abc", o), ct).CollectAsync(ct);
        var b = await engine.Generate(GenerationRequest.FromText("abc", o), ct).CollectAsync(ct);
        Assert.Equal(a.Tokens, b.Tokens);
    }

    [Theory, MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public async Task A_stop_string_ends_the_sequence_and_never_reaches_the_caller(string model)
    {
        await using var engine = TestModels.Start(model);
        var ct = TestContext.Current.CancellationToken;
        var full = await engine.Generate(GenerationRequest.FromText("Once upon a time", TestModels.Greedy(30)), ct).CollectAsync(ct);
        var text = full.Text;
        Assert.True(text.Length > 12, $"need some text to cut: \"{text}\"");
        var stop = text.Substring(text.Length / 2, 3);
        var cut = await engine.Generate(GenerationRequest.FromText("Once upon a time",
            TestModels.Greedy(30) with { Stop = [stop, "\u0001never"] }), ct).CollectAsync(ct);
        Assert.Equal(FinishReason.Stop, cut.Finish);
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
    }

    [Fact]
    public async Task Max_tokens_ends_the_sequence_with_length()
    {
        await using var engine = TestModels.Start("random");
        var r = await engine.Generate(GenerationRequest.FromText("abc", TestModels.Greedy(7)), TestContext.Current.CancellationToken).CollectAsync(TestContext.Current.CancellationToken);
        Assert.Equal(7, r.Tokens.Count);
        Assert.Equal(FinishReason.Length, r.Finish);
    }
}
