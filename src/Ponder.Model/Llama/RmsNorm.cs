using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Root-mean-square normalisation: x / sqrt(mean(x²) + eps) · weight, as llama.cpp's rms_norm then mul.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    readonly double eps;
    public Parameter weight; // (D)

    public RmsNorm(int dim, float eps) : base(nameof(RmsNorm))
    {
        this.eps = eps;
        weight = new Parameter(ones(dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) // (..., D) → (..., D)
    {
        using var scope = NewDisposeScope();
        // No implicit Scalars (square() makes one for its exponent): TorchSharp leaves those to the finalizer thread, which
        // can free one while the native call using it still runs ("Unknown scalar type", seen once in a compress run).
        using var epsilon = eps.ToScalar();
        var norm = x * rsqrt((x * x).mean([-1L], keepdim: true).Plus(epsilon));
        return (norm * weight).MoveToOuterDisposeScope();
    }
}
