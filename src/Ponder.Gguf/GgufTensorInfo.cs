namespace Ponder.Gguf;

/// <summary>A tensor's entry in the GGUF header. <see cref="Shape"/> is in ggml order: Shape[0] is the
/// contiguous (fastest-varying) dimension, so a [rows, cols] matrix is stored as Shape = {cols, rows}.
/// <see cref="Offset"/> is relative to the start of the tensor data section.</summary>
public sealed record GgufTensorInfo(string Name, GgmlType Type, long[] Shape, long Offset)
{
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    public long ByteSize => GgmlTypeInfo.ByteSize(Type, ElementCount);

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
