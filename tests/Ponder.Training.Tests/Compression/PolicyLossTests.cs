using Ponder.Model.Llama;
using Ponder.Training.Compression;
using static TorchSharp.torch;

namespace Ponder.Training.Tests.Compression;

public sealed class PolicyLossTests
{
    static Sample Sample(int[] prompt, int[] completion) => new(0, prompt, completion, completion.Length - 1, 1, true, true);

    [Fact]
    public void Every_sampled_token_weighs_the_same_whatever_the_length_of_its_sequence()
    {
        // Two sequences with the same advantage: one of 2 completion tokens, one of 8. Token-level normalisation gives
        // every token the gradient −A/10; a per-sequence mean would give the short one's tokens −A/4 and the long one's −A/16.
        using var logProbs = full(2, 8, -1.0f).requires_grad_();
        using var mask = zeros(2, 8);
        mask[0].narrow(0, 0, 2).fill_(1);
        mask[1].fill_(1);
        using var advantages = tensor(new[] { 1f, 1f }).view(2, 1);
        var (loss, _) = PolicyLoss.Objective(logProbs, mask, advantages, totalTokens: 10, oldLogProbs: null, clipEpsilon: 0);
        loss.backward();
        var grad = logProbs.grad!.data<float>().ToArray();
        Assert.All(grad[..2].Concat(grad[8..]), g => Assert.Equal(-0.1f, g, 6));
        Assert.All(grad[2..8], g => Assert.Equal(0f, g));
        Assert.Equal(1f, loss.item<float>(), 5); // −Σ_10 tokens 1·(−1) / 10
    }

    [Fact]
    public void The_targets_are_exactly_the_sampled_tokens_and_each_row_carries_its_advantage()
    {
        var batch = PolicyBatch.Pack([(Sample([1, 5, 6], [7, 8]), 0.5), (Sample([1, 5], [9, 10, 11, 12]), -0.25)]);
        Assert.Equal(2, batch.Rows);
        Assert.Equal(5, batch.Columns); // the longer row: 6 tokens → 5 next-token positions
        Assert.Equal(6, batch.TargetCount);
        Assert.Equal([MicroBatch.Ignore, MicroBatch.Ignore, 7, 8, MicroBatch.Ignore], batch.Targets[..5]);
        Assert.Equal([MicroBatch.Ignore, 9, 10, 11, 12], batch.Targets[5..]);
        Assert.Equal([1L, 5, 6, 7, 0], batch.Inputs[..5]);
        Assert.Equal([0.5f, -0.25f], batch.Advantages);
    }

    [Fact]
    public void Splitting_the_step_into_micro_batches_does_not_change_the_gradient()
    {
        using var model = LlamaModel.Random(LlamaConfig.FromDepth(2, 64, 64), seed: 5);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 6).Select(i => (Sample(
            Enumerable.Range(0, 3 + i % 2).Select(_ => random.Next(64)).ToArray(),
            Enumerable.Range(0, 2 + 5 * i).Select(_ => random.Next(64)).ToArray()), (double)(i % 3 - 1))).ToList();

        float[][] Gradient(int microBatchTokens)
        {
            foreach (var p in model.parameters()) p.grad?.zero_();
            var batches = PolicyBatch.Split(rows, microBatchTokens);
            var total = batches.Sum(b => b.TargetCount);
            foreach (var b in batches)
            {
                using var scope = NewDisposeScope();
                PolicyLoss.Compute(model, b, 1.0, total, null, null, 0, 0).Loss.backward();
            }
            return model.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray();
        }

        var whole = Gradient(1 << 20);
        var split = Gradient(40);
        Assert.True(PolicyBatch.Split(rows, 40).Count >= 3);
        var scale = whole.Max(g => g.Max(MathF.Abs));
        Assert.True(scale > 0);
        for (var i = 0; i < whole.Length; i++)
            for (var j = 0; j < whole[i].Length; j++)
                Assert.True(MathF.Abs(whole[i][j] - split[i][j]) <= 1e-5f * scale, $"parameter {i}[{j}]: {whole[i][j]} vs {split[i][j]}");
    }

    [Fact]
    public void At_ratio_one_the_ratio_objective_has_the_plain_policy_gradient_and_clipping_stops_it_beyond_the_band()
    {
        using var logProbs = tensor(new[] { -1f, -2f, -0.5f }).view(1, 3).requires_grad_();
        using var mask = ones(1, 3);
        using var advantage = tensor(new[] { 2f }).view(1, 1);
        // Old = current: ρ = 1, gradient −A/N per token, as without old log-probabilities.
        using var same = logProbs.detach().clone();
        PolicyLoss.Objective(logProbs, mask, advantage, 3, same, 0.2).Loss.backward();
        Assert.All(logProbs.grad!.data<float>().ToArray(), g => Assert.Equal(-2f / 3, g, 5));

        // The first token's ratio is e^0.5 ≈ 1.65 > 1.2 with a positive advantage: clipped, no gradient; the others are inside.
        logProbs.grad!.zero_();
        using var old = tensor(new[] { -1.5f, -2f, -0.45f }).view(1, 3);
        var (loss, clipped) = PolicyLoss.Objective(logProbs, mask, advantage, 3, old, 0.2);
        loss.backward();
        var grad = logProbs.grad!.data<float>().ToArray();
        Assert.Equal(1, clipped);
        Assert.Equal(0f, grad[0]);
        Assert.Equal(-2f / 3, grad[1], 5);
        Assert.Equal(-2f / 3 * MathF.Exp(-0.05f), grad[2], 5);
    }

    [Fact]
    public void The_k3_estimate_is_zero_at_the_reference_and_positive_away_from_it()
    {
        using var logProbs = tensor(new[] { -1f, -2f, -0.5f });
        using var atReference = PolicyLoss.KlK3(logProbs, logProbs);
        Assert.All(atReference.data<float>().ToArray(), k => Assert.Equal(0f, k));
        using var reference = tensor(new[] { -1.5f, -1f, -0.5f });
        var k3 = PolicyLoss.KlK3(logProbs, reference).data<float>().ToArray();
        Assert.True(k3[0] > 0 && k3[1] > 0, string.Join(", ", k3));
        Assert.Equal(MathF.Exp(-0.5f) + 0.5f - 1, k3[0], 5);
    }
}
