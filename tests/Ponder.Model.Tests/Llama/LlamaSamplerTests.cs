using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

public sealed class LlamaSamplerTests
{
    static Tensor RandomLogits(int batch, int vocab, ulong seed)
    {
        using var g = new TorchSharp.torch.Generator(seed);
        return randn([batch, vocab], generator: g) * 3;
    }

    [Fact]
    public void Greedy_picks_the_argmax()
    {
        using var logits = RandomLogits(16, 100, 1);
        using var sampler = new LlamaSampler(SamplingOptions.Greedy);
        using var tokens = sampler.Sample(logits);
        using var argmax = logits.argmax(-1);
        Assert.Equal(argmax.data<long>().ToArray(), tokens.data<long>().ToArray());
    }

    [Fact]
    public void Sampling_with_the_same_seed_is_reproducible()
    {
        using var logits = RandomLogits(8, 100, 2);
        long[] Draw(long seed)
        {
            using var sampler = new LlamaSampler(new SamplingOptions(Temperature: 1f, TopK: 40, TopP: 0.9f, Seed: seed));
            return Enumerable.Range(0, 5).SelectMany(_ => { using var t = sampler.Sample(logits); return t.data<long>().ToArray(); }).ToArray();
        }
        Assert.Equal(Draw(42), Draw(42));
        Assert.NotEqual(Draw(42), Draw(43));
    }

    [Fact]
    public void Top_k_samples_only_the_k_most_likely_tokens()
    {
        using var row = RandomLogits(1, 50, 3);
        using var logits = row.expand(2000, 50);
        using var sampler = new LlamaSampler(new SamplingOptions(Temperature: 1f, TopK: 3, Seed: 1));
        using var tokens = sampler.Sample(logits);
        using var top = row.topk(3).indexes;
        var allowed = top.data<long>().ToHashSet();
        var drawn = tokens.data<long>().ToHashSet();
        Assert.Subset(allowed, drawn);
        Assert.Equal(3, drawn.Count);
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_of_tokens_reaching_p()
    {
        // probabilities 0.5, 0.3, 0.15, 0.05 (shuffled into vocabulary order 2, 0, 3, 1)
        using var logits = log(tensor(new float[] { 0.3f, 0.05f, 0.5f, 0.15f })).view(1, 4);
        using var sampler = new LlamaSampler(new SamplingOptions(Temperature: 1f, TopP: 0.75f));
        using var probs = sampler.Probabilities(logits);
        var p = probs.data<float>().ToArray();
        Assert.Equal(0.5f / 0.8f, p[2], 1e-5f);
        Assert.Equal(0.3f / 0.8f, p[0], 1e-5f);
        Assert.Equal(0f, p[1]);
        Assert.Equal(0f, p[3]);

        using var narrow = new LlamaSampler(new SamplingOptions(Temperature: 1f, TopP: 0.4f));
        using var only = narrow.Probabilities(logits);
        Assert.Equal(new float[] { 0, 0, 1, 0 }, only.data<float>().ToArray());
    }
}
