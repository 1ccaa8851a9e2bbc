namespace Ponder.Engine.Tests;

public sealed class TokenSamplerTests
{
    static readonly float[] Logits = [0, 1, 2, 3]; // softmax ≈ [0.032, 0.087, 0.237, 0.644]

    static int[] Counts(SamplingOptions o, int draws = 20_000)
    {
        var sampler = new TokenSampler(Logits.Length);
        var rng = new Random(1);
        var counts = new int[Logits.Length];
        for (var i = 0; i < draws; i++) counts[sampler.Sample(Logits, o, rng)]++;
        return counts;
    }

    [Fact]
    public void Temperature_one_without_filters_follows_the_softmax()
    {
        var counts = Counts(new SamplingOptions());
        double[] expected = [0.032, 0.087, 0.237, 0.644];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], counts[i] / 20_000.0, 0.015);
    }

    [Fact]
    public void Top_k_min_p_and_top_p_keep_only_their_candidates()
    {
        Assert.Equal([0, 0], Counts(new SamplingOptions(TopK: 2))[..2]);
        Assert.Equal([0, 0], Counts(new SamplingOptions(MinP: 0.3f))[..2]);        // 0.087/0.644 < 0.3
        Assert.Equal([0, 0, 0], Counts(new SamplingOptions(TopP: 0.5f))[..3]);     // the best token alone holds 0.644
        Assert.Equal(0, Counts(new SamplingOptions(TopP: 0.8f))[0]);               // 0.644 + 0.237 ≥ 0.8
        Assert.Equal(20_000, Counts(new SamplingOptions(Temperature: 0))[3]);
    }

    [Fact]
    public void Log_probabilities_are_the_log_softmax_of_the_logits()
    {
        var sampler = new TokenSampler(Logits.Length);
        var top = new List<(int Token, float LogProb)>();
        var lp = sampler.LogProb(Logits, 2, 2, top);
        var logZ = Math.Log(Logits.Sum(l => Math.Exp(l)));
        Assert.Equal(2 - logZ, lp, 5);
        Assert.Equal([3, 2], top.Select(t => t.Token));
        Assert.Equal(3 - logZ, top[0].LogProb, 5);
    }
}
