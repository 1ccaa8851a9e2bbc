using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Rotary position embedding as llama.cpp's "llama" architecture computes it ("normal" rope type):
/// ADJACENT pairs (x[2i], x[2i+1]) of each head's first ropeDims dims rotate by pos·base^(-2i/ropeDims);
/// dims past ropeDims pass through. (HF checkpoints rotate halves instead; llama.cpp's converter permutes
/// Q and K so that GGUF weights use adjacent pairs.)</summary>
public static class Rope
{
    /// <summary>x (B, H, T, headDim), positions (B, T) → (B, H, T, headDim).</summary>
    public static Tensor Apply(Tensor x, Tensor positions, int ropeDims, float ropeBase)
    {
        using var scope = NewDisposeScope();
        var (b, h, t, d) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var half = ropeDims / 2;
        var invFreq = pow((double)ropeBase, arange(0, half, dtype: ScalarType.Float64) * (-2.0 / ropeDims)); // (half)
        var angles = (positions.to(ScalarType.Float64).unsqueeze(-1) * invFreq).unsqueeze(1); // (B, 1, T, half)
        var cos = angles.cos().to(x.dtype);
        var sin = angles.sin().to(x.dtype);

        var pairs = x.narrow(-1, 0, ropeDims).reshape(b, h, t, half, 2);
        var x0 = pairs.select(-1, 0); // (B, H, T, half)
        var x1 = pairs.select(-1, 1);
        var rotated = stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], -1).reshape(b, h, t, ropeDims);
        var result = ropeDims == d ? rotated : cat([rotated, x.narrow(-1, ropeDims, d - ropeDims)], -1);
        return result.MoveToOuterDisposeScope();
    }
}
