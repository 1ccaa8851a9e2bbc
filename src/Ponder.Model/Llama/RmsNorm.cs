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
        var norm = x * rsqrt(x.square().mean([-1L], keepdim: true) + eps);
        return (norm * weight).MoveToOuterDisposeScope();
    }
}
