using System.Buffers.Binary;

namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>The offset, width and kind of every field in a (valid) GGUF header, found by walking it once.
/// Lets the fuzzer aim at counts, lengths, types and offsets instead of only flipping random bytes.</summary>
public sealed class GgufFieldMap
{
    readonly byte[] b;
    int p;

    GgufFieldMap(byte[] bytes) { b = bytes; }

    public List<GgufField> Fields { get; } = [];

    /// <summary>Where the header ends (the tensor data section starts at the next aligned offset).</summary>
    public int HeaderEnd { get; private set; }

    public static GgufFieldMap Of(byte[] validGguf)
    {
        var map = new GgufFieldMap(validGguf);
        map.Walk();
        return map;
    }

    void Walk()
    {
        Take(GgufFieldKind.Magic, 4);
        Take(GgufFieldKind.Version, 4);
        var tensors = Take(GgufFieldKind.TensorCount, 8);
        var kvs = Take(GgufFieldKind.KvCount, 8);
        for (ulong i = 0; i < kvs; i++)
        {
            String();
            Value((GgufValueType)Take(GgufFieldKind.ValueType, 4));
        }
        for (ulong i = 0; i < tensors; i++)
        {
            String();
            var dims = Take(GgufFieldKind.DimCount, 4);
            for (ulong d = 0; d < dims; d++) Take(GgufFieldKind.Dim, 8);
            Take(GgufFieldKind.TensorType, 4);
            Take(GgufFieldKind.TensorOffset, 8);
        }
        HeaderEnd = p;
    }

    void Value(GgufValueType type)
    {
        switch (type)
        {
            case GgufValueType.String: String(); break;
            case GgufValueType.Array:
                var element = (GgufValueType)Take(GgufFieldKind.ArrayElementType, 4);
                var count = Take(GgufFieldKind.ArrayLength, 8);
                // Record only the first few elements of long arrays: a 32k vocabulary would drown every other field.
                for (ulong i = 0; i < count; i++)
                {
                    if (i < 4) Value(element);
                    else Skip(element);
                }
                break;
            default: Take(GgufFieldKind.Scalar, ScalarWidth(type)); break;
        }
    }

    void Skip(GgufValueType type)
    {
        switch (type)
        {
            case GgufValueType.String: p += 8 + (int)Read(8); break;
            case GgufValueType.Array:
                var element = (GgufValueType)Read(4);
                var count = Read(8);
                for (ulong i = 0; i < count; i++) Skip(element);
                break;
            default: p += ScalarWidth(type); break;
        }
    }

    ulong Read(int width) => width switch
    {
        4 => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(p)),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(p)),
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    static int ScalarWidth(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        _ => 8,
    };

    void String()
    {
        var length = (int)Take(GgufFieldKind.StringLength, 8); // not "p += Take(…)": that would add to p as it was before Take moved it
        p += length;
    }

    ulong Take(GgufFieldKind kind, int width)
    {
        Fields.Add(new GgufField(kind, p, width));
        var v = width switch { 1 => b[p], 2 => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(p)), _ => Read(width) };
        p += width;
        return v;
    }
}
