using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

/// <summary>The fused attention kernel (scaled_dot_product_attention, the default) must compute what the explicit
/// q·kᵀ/√d, masked softmax, ·v path computes: on left-padded batches, through the KV cache, and in the gradients
/// training uses.</summary>
public sealed class AttentionPathTests
{
    static readonly int[][] Prompts = [TestModels.RandomTokens(5, 11, TestModels.VocabSize), TestModels.RandomTokens(6, 4, TestModels.VocabSize), TestModels.RandomTokens(7, 16, TestModels.VocabSize)];

    [Fact]
    public void Fused_and_explicit_attention_agree_on_left_padded_cached_batches()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 5);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (tokens, padding) = Padded();
        var width = (int)tokens.shape[1];

        Tensor Run(bool fused)
        {
            model.FusedAttention = fused;
            using var cache = model.NewCache(Prompts.Length, width);
            var prefix = model.Forward(tokens.narrow(1, 0, width - 3), 0, cache, padding);     // (B, T-3, V)
            var rest = model.Forward(tokens.narrow(1, width - 3, 3), width - 3, cache, padding); // (B, 3, V)
            return cat([prefix, rest], 1);
        }

        var explicitLogits = Run(fused: false);
        var fusedLogits = Run(fused: true);
        // Padding rows see only themselves, so every row is finite on both paths.
        Assert.True(fusedLogits.isfinite().all().item<bool>());
        Assert.True((fusedLogits - explicitLogits).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Fused_and_explicit_attention_give_the_same_gradients()
    {
        using var model = LlamaModel.Random(TestModels.Gqa, seed: 6);
        using var scope = NewDisposeScope();
        var (tokens, padding) = Padded();

        Tensor[] Gradients(bool fused)
        {
            model.FusedAttention = fused;
            model.zero_grad();
            model.Forward(tokens, leftPadding: padding).square().mean().backward();
            return model.parameters().Select(p => p.grad!.clone()).ToArray();
        }

        var explicitGrads = Gradients(fused: false);
        var fusedGrads = Gradients(fused: true);
        for (var i = 0; i < fusedGrads.Length; i++)
            Assert.True((fusedGrads[i] - explicitGrads[i]).abs().max().item<float>() < 1e-5f, $"parameter {i}");
    }

    static (Tensor Tokens, int[] Padding) Padded()
    {
        var width = Prompts.Max(p => p.Length);
        var padding = Prompts.Select(p => width - p.Length).ToArray();
        var tokens = tensor(Prompts.SelectMany((p, i) => Enumerable.Repeat(0L, padding[i]).Concat(p.Select(t => (long)t))).ToArray())
            .view(Prompts.Length, width); // (B, T)
        return (tokens, padding);
    }
}
