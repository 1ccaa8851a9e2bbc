using Ponder.Gguf;
using Ponder.Model.Llama;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

/// <summary>What ggml's CPU matmul does to the activations before multiplying by F16 or Q8_0 weights: it converts
/// them to the weight type's vec_dot type — F16, or Q8_0 (blocks of 32: d = amax/127, q = round(x/d), d kept as
/// F16). Installed as forward pre-hooks on every Linear, this lets a test reproduce llama.cpp's arithmetic.
/// It also selects the explicit attention path, which sums in ggml's order: the fused kernel's ~1e-7 differences
/// are enough to move a value across a Q8_0 rounding boundary (measured: 3e-2 on the logits instead of ≤ 1e-4).</summary>
public static class ActivationRounding
{
    public static void Install(LlamaModel model, GgmlType weights)
    {
        Func<Tensor, Tensor> round = weights switch
        {
            GgmlType.F16 => x => x.to(ScalarType.Float16).to(ScalarType.Float32),
            GgmlType.Q8_0 => Q8_0,
            _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "llama.cpp multiplies F32 weights by F32 activations."),
        };
        model.FusedAttention = false;
        foreach (var (_, module) in model.named_modules())
            if (module is Linear linear) linear.register_forward_pre_hook((_, x) => round(x));
    }

    static Tensor Q8_0(Tensor x) // (..., n·32) → same shape, each block of 32 rounded as quantize_row_q8_0 does
    {
        using var scope = NewDisposeScope();
        var blocks = x.reshape(-1, 32);
        var amax = blocks.abs().amax([-1L], keepdim: true);
        var q = (blocks * (127 / amax)).nan_to_num(0).round().clamp(-127, 127);
        var d = (amax / 127).to(ScalarType.Float16).to(ScalarType.Float32);
        return (q * d).reshape(x.shape).MoveToOuterDisposeScope();
    }
}
