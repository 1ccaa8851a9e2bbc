using static TorchSharp.torch;

namespace Ponder.Training.Tests;

public sealed class MuonTests
{
    [Theory]
    [InlineData(32, 88)]
    [InlineData(88, 32)]
    [InlineData(48, 48)]
    public void Orthogonalize_brings_every_singular_value_near_one_even_for_an_ill_conditioned_matrix(int rows, int columns)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        // g = U·diag(s)·Vᵀ with singular values s spread over two orders of magnitude (a random square matrix would
        // have some near zero, which no orthogonalisation brings up in five steps: directions far below 1/500 of the
        // Frobenius norm barely move, as in the reference).
        var k = Math.Min(rows, columns);
        var u = linalg.qr(randn(rows, k, generator: generator)).Q;
        var v = linalg.qr(randn(columns, k, generator: generator)).Q;
        var g = u.mm(diag(logspace(-1, 1, k))).mm(v.t());
        var raw = linalg.svdvals(g).data<float>().ToArray();
        Assert.True(raw.Max() / raw.Min() > 90, $"the test matrix should be ill-conditioned (ratio {raw.Max() / raw.Min():F0})");

        var o = Muon.Orthogonalize(g);
        Assert.Equal(g.shape, o.shape);
        var values = linalg.svdvals(o).data<float>().ToArray();
        // Five quintic Newton–Schulz steps leave singular values in about [0.7, 1.2], not exactly 1.
        Assert.All(values, v => Assert.InRange(v, 0.5f, 1.3f));
    }

    [Fact]
    public void Matrices_orthogonalized_together_get_the_result_each_gets_alone()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        // Two shapes, one of them also as its transpose (iterated on in the same stack), and a lone square matrix.
        var matrices = new[] { randn(24, 40, generator: generator), randn(40, 24, generator: generator), randn(16, 16, generator: generator),
                               randn(24, 40, generator: generator) * 100 };
        var together = Muon.Orthogonalize(matrices);
        Assert.Equal(matrices.Length, together.Count);
        for (var i = 0; i < matrices.Length; i++)
        {
            var alone = Muon.Orthogonalize(matrices[i]);
            Assert.Equal(matrices[i].shape, together[i].shape);
            var gap = (together[i] - alone).abs().max().item<float>();
            Assert.True(gap < 1e-4f, $"matrix {i}: batched and alone differ by {gap}");
        }
    }

    [Fact]
    public void Muon_takes_the_blocks_matrices_and_leaves_embeddings_norms_and_the_output_head_to_AdamW()
    {
        using var scope = NewDisposeScope();
        var matrix = zeros(4, 4);
        var vector = zeros(4);
        Assert.True(Muon.Takes("blk.0.attn_q.weight", matrix));
        Assert.True(Muon.Takes("blk.3.ffn_down.weight", matrix));
        Assert.False(Muon.Takes("blk.0.attn_norm.weight", vector));
        Assert.False(Muon.Takes("token_embd.weight", matrix));
        Assert.False(Muon.Takes("output.weight", matrix));
    }

    [Fact]
    public void A_muon_run_lowers_the_loss_and_a_killed_one_resumes_exactly()
    {
        using var whole = new TinyRun();
        using var killed = new TinyRun();
        var config = whole.Config(steps: 15, checkpointEvery: 5) with { Optimizer = "muon", LearningRate = 1e-2 };
        var uninterrupted = whole.Run(config);
        var losses = uninterrupted.Metrics.Steps.Select(s => s.Loss).ToArray();
        Assert.True(losses[^3..].Average() < losses[0] - 2, $"loss went {losses[0]:F3} → {losses[^1]:F3}");
        var saved = whole.LatestTensors();
        Assert.Contains("muon.blk.0.attn_q.weight.momentum", saved.Keys);
        Assert.Contains("adamw.token_embd.weight.exp_avg", saved.Keys);
        Assert.DoesNotContain("adamw.blk.0.attn_q.weight.exp_avg", saved.Keys);

        var killedConfig = config with { OutputDirectory = killed.Directory };
        killed.Run(killedConfig, stopAfter: 12);
        var resumed = killed.Run(killedConfig, resume: true);
        Assert.Contains("resuming from ckpt-0000010.bin (step 10)", killed.Log.ToString());
        Assert.Equal(losses, resumed.Metrics.Steps.Select(s => s.Loss));
        TensorAssert.Same(saved, killed.LatestTensors());
    }
}
