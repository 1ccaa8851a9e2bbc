using System.Text;

namespace Ponder.Gguf.Tests;

/// <summary>Writes GGUF fields one by one, little-endian, with no checks at all: the way to build the broken
/// files the validation tests need. <see cref="Length"/> gives the offset of the next field.</summary>
public sealed class RawGguf
{
    readonly MemoryStream stream = new();
    readonly BinaryWriter w;

    RawGguf() { w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true); }

    public static RawGguf Header(uint version = 3, ulong tensorCount = 0, ulong kvCount = 0) =>
        new RawGguf().U32(GgufHeaderMagic).U32(version).U64(tensorCount).U64(kvCount);

    public const uint GgufHeaderMagic = 0x46554747;

    public long Length { get { w.Flush(); return stream.Length; } }

    public RawGguf U8(byte v) { w.Write(v); return this; }
    public RawGguf U32(uint v) { w.Write(v); return this; }
    public RawGguf U64(ulong v) { w.Write(v); return this; }
    public RawGguf F32(float v) { w.Write(v); return this; }
    public RawGguf Bytes(ReadOnlySpan<byte> v) { w.Write(v); return this; }
    public RawGguf Zeros(long n) { for (var i = 0; i < n; i++) w.Write((byte)0); return this; }

    public RawGguf Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return U64((ulong)bytes.Length).Bytes(bytes);
    }

    /// <summary>A key with its type code; the value follows with further calls.</summary>
    public RawGguf Key(string key, GgufValueType type) => Str(key).U32((uint)type);

    public RawGguf Tensor(string name, long[] shape, GgmlType type, ulong offset)
    {
        Str(name).U32((uint)shape.Length);
        foreach (var d in shape) U64((ulong)d);
        return U32((uint)type).U64(offset);
    }

    public RawGguf PadTo(int alignment) => Zeros(GgufFile.AlignUp(Length, alignment) - Length);

    public byte[] ToArray() { w.Flush(); return stream.ToArray(); }
}
