using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Sums of tensors without TorchSharp's hidden Scalar. In TorchSharp 0.107, <c>a + b</c> calls
/// add(other, alpha: 1) with an implicit Scalar that nothing keeps alive once its handle is read,
/// so the finalizer thread can free it while the native call still uses it — long compress runs died with
/// "Unknown scalar type" and a failed toFloat inside add_Scalar. Plus passes an alpha rooted for the process's life
/// (subtraction has no alpha, so <c>a - b</c> is safe).</summary>
public static class TensorSum
{
    static readonly Scalar One = 1.0.ToScalar();       // alpha for floating-point tensors
    static readonly Scalar OneInteger = 1L.ToScalar(); // alpha for integer tensors (a floating alpha is refused there)

    static Scalar Alpha(Tensor t) =>
        t.dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte ? OneInteger : One;

    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, Alpha(a));
    public static Tensor Plus(this Tensor a, Scalar b) => a.add(b, Alpha(a));
}
