using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Rotary position embedding as llama.cpp's "llama" architecture computes it ("normal" rope type):
/// ADJACENT pairs (x[2i], x[2i+1]) of each head's first ropeDims dims rotate by pos·base^(-2i/ropeDims);
/// dims past ropeDims pass through. (HF checkpoints rotate halves instead; llama.cpp's converter permutes
/// Q and K so that GGUF weights use adjacent pairs.)
/// <para>The cos/sin tables are computed once per model for every position up to the context length (in float64,
/// then rounded, as before), so a forward pass only gathers rows. They are plain fields, not buffers, so the
/// model's state dict stays the GGUF tensor list.</para></summary>
public sealed class Rope : IDisposable
{
    readonly int ropeDims;
    readonly Tensor cos, sin; // (context, ropeDims/2)

    public Rope(int ropeDims, float ropeBase, int contextLength)
    {
        this.ropeDims = ropeDims;
        using var scope = NewDisposeScope();
        var half = ropeDims / 2;
        var invFreq = pow((double)ropeBase, arange(0, half, dtype: ScalarType.Float64) * (-2.0 / ropeDims)); // (half)
        var angles = arange(0, contextLength, dtype: ScalarType.Float64).unsqueeze(-1) * invFreq;          // (context, half)
        cos = angles.cos().to(ScalarType.Float32).DetachFromDisposeScope();
        sin = angles.sin().to(ScalarType.Float32).DetachFromDisposeScope();
    }

    /// <summary>x (B, H, T, headDim), positions (B, T) → (B, H, T, headDim).</summary>
    public Tensor Apply(Tensor x, Tensor positions)
    {
        using var scope = NewDisposeScope();
        var (b, h, t, d) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var half = ropeDims / 2;
        var rows = positions.reshape(-1);
        var c = cos.index_select(0, rows).view(b, 1, t, half).to(x.dtype); // (B, 1, T, half)
        var s = sin.index_select(0, rows).view(b, 1, t, half).to(x.dtype);

        var pairs = x.narrow(-1, 0, ropeDims).reshape(b, h, t, half, 2);
        var x0 = pairs.select(-1, 0); // (B, H, T, half)
        var x1 = pairs.select(-1, 1);
        var rotated = stack([x0 * c - x1 * s, (x0 * s).Plus(x1 * c)], -1).reshape(b, h, t, ropeDims);
        var result = ropeDims == d ? rotated : cat([rotated, x.narrow(-1, ropeDims, d - ropeDims)], -1);
        return result.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        cos.Dispose();
        sin.Dispose();
    }
}
