using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

/// <summary>Batched generation with a KV cache and left padding must compute what a single sequence computes
/// from scratch at every step.</summary>
public sealed class KvCacheTests
{
    static readonly int[][] Prompts = [TestModels.RandomTokens(1, 9, TestModels.VocabSize), TestModels.RandomTokens(2, 3, TestModels.VocabSize), TestModels.RandomTokens(3, 14, TestModels.VocabSize)];

    [Fact]
    public void Batched_greedy_generation_equals_full_recomputation_one_sequence_at_a_time()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 3);
        using var sampler = new LlamaSampler(SamplingOptions.Greedy);
        var batched = model.Generate(Prompts, 24, sampler);

        for (var i = 0; i < Prompts.Length; i++)
        {
            var sequence = Prompts[i].ToList();
            for (var step = 0; step < 24; step++)
            {
                var logits = TestModels.Logits(model, sequence.ToArray())[^1];
                sequence.Add(Array.IndexOf(logits, logits.Max()));
            }
            Assert.Equal(sequence.Skip(Prompts[i].Length), batched[i]);
        }
    }

    [Fact]
    public void Sequences_that_stop_early_leave_the_batch_and_the_others_continue_exactly_as_alone()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 3);
        using var sampler = new LlamaSampler(SamplingOptions.Greedy);
        int[] lengths = [3, 24, 1]; // the first and last sequences finish early, so the batch shrinks twice
        var asked = new List<(int Row, int Count)>();
        var counts = new int[Prompts.Length];
        var batched = model.Generate(Prompts, 24, sampler, (row, _) => { asked.Add((row, ++counts[row])); return counts[row] >= lengths[row]; });

        var alone = model.Generate(Prompts, 24, sampler);
        for (var i = 0; i < Prompts.Length; i++)
            Assert.Equal(alone[i].Take(lengths[i]), batched[i]);
        Assert.Equal(lengths.Sum(), asked.Count); // a finished sequence is never asked about again
        Assert.Equal(lengths, counts);
    }

    [Fact]
    public void A_sampled_batch_that_shrinks_is_the_same_for_the_same_seed()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 5);
        int[][] Run()
        {
            using var sampler = new LlamaSampler(new SamplingOptions(1.0f, Seed: 7));
            var counts = new int[Prompts.Length];
            return model.Generate(Prompts, 16, sampler, (row, _) => ++counts[row] >= 4 * (row + 1));
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.Equal([4, 8, 12], first.Select(c => c.Length));
    }

    [Fact]
    public void Left_padded_cached_logits_equal_each_sequence_alone()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 4);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var width = Prompts.Max(p => p.Length);
        var padding = Prompts.Select(p => width - p.Length).ToArray();
        var tokens = tensor(Prompts.SelectMany((p, i) => Enumerable.Repeat(0L, padding[i]).Concat(p.Select(t => (long)t))).ToArray())
            .view(Prompts.Length, width); // (B, T)
        using var cache = model.NewCache(Prompts.Length, width + 1);
        var prefix = model.Forward(tokens.narrow(1, 0, width - 1), 0, cache, padding);        // (B, T-1, V)
        var last = model.Forward(tokens.narrow(1, width - 1, 1), width - 1, cache, padding);   // (B, 1, V)
        var all = cat([prefix, last], 1);                                                      // (B, T, V)

        for (var i = 0; i < Prompts.Length; i++)
        {
            var alone = TestModels.Logits(model, Prompts[i]);
            var row = all[i].narrow(0, padding[i], Prompts[i].Length).contiguous().data<float>().ToArray();
            var v = alone[0].Length;
            var batched = Enumerable.Range(0, Prompts[i].Length).Select(t => row.AsSpan(t * v, v).ToArray()).ToArray();
            Assert.True(TestModels.MaxAbsDiff(alone, batched) < 1e-4f);
        }
    }
}
