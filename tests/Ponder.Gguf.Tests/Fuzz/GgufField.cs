namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>What a header field holds, so the mutator can pick values that are interesting for it.</summary>
public enum GgufFieldKind { Magic, Version, TensorCount, KvCount, StringLength, ValueType, ArrayElementType, ArrayLength, Scalar, DimCount, Dim, TensorType, TensorOffset }

/// <summary>One field of a GGUF header: its kind, offset and width in bytes.</summary>
public readonly record struct GgufField(GgufFieldKind Kind, int Offset, int Width);
