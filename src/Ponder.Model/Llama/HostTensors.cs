using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Tensors to and from host arrays (checkpoints, GGUF files), every temporary inside a dispose scope. In a chained
/// call such as <c>tensor(data).view(shape)</c> nothing holds the first wrapper once <c>view</c> has read its handle, so the
/// finalizer thread may free that handle mid-call: the training segfaults of 2026-11-27 were this race (AdamW.ZeroGrad).</summary>
public static class HostTensors
{
    /// <summary>The tensor's shape and float32 values in row-major order.</summary>
    public static (long[] Shape, float[] Data) Snapshot(Tensor t)
    {
        using var scope = NewDisposeScope();
        return (t.shape, t.detach().contiguous().data<float>().ToArray());
    }

    /// <summary>A new tensor of <paramref name="data"/> in <paramref name="shape"/>, owned by the caller's dispose scope.</summary>
    public static Tensor FromArray(float[] data, long[] shape)
    {
        using var scope = NewDisposeScope();
        return tensor(data).view(shape).MoveToOuterDisposeScope();
    }

    /// <summary>Copies <paramref name="data"/>, laid out in <paramref name="shape"/>, into <paramref name="destination"/>
    /// without recording a gradient.</summary>
    public static void CopyInto(Tensor destination, float[] data, long[] shape)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        destination.copy_(tensor(data).view(shape));
    }
}
