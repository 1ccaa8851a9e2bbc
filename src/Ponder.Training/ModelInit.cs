using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Training;

/// <summary>Seeded initialisation for training from scratch, nanochat-style: embeddings N(0, 1) (an RMSNorm follows),
/// matrices N(0, 1/fan_in), the residual projections (attn_output, ffn_down) zero so every block starts as the
/// identity, the output projection small (N(0, 0.001²)) so the first losses are ln(V), norm gains 1.</summary>
public static class ModelInit
{
    public static LlamaModel Create(LlamaConfig config, int seed)
    {
        var model = new LlamaModel(config);
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            using var scope = NewDisposeScope();
            if (p.dim() == 1) p.fill_(1);
            else if (name.EndsWith("attn_output.weight", StringComparison.Ordinal) || name.EndsWith("ffn_down.weight", StringComparison.Ordinal)) p.zero_();
            else
            {
                var noise = randn(p.shape, generator: generator);
                p.copy_(name == "token_embd.weight" ? noise : name == "output.weight" ? noise * 0.001 : noise / Math.Sqrt(p.shape[1]));
            }
        }
        return model;
    }
}
