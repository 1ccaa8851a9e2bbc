using System.Buffers.Binary;
using System.Text;

namespace Ponder.Gguf;

/// <summary>Parses a GGUF header from mapped bytes, checking every length against the bytes left
/// before using it, so that no file can make the reader allocate absurdly, read out of bounds or recurse without end.</summary>
sealed unsafe class GgufHeaderReader(byte* data, long length)
{
    public const uint Magic = 0x46554747; // "GGUF" read little-endian
    const int MaxArrayNesting = 8;
    const int MaxDims = 4; // GGML_MAX_DIMS
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    long position;

    public long Position => position;

    public (uint Version, GgufMetadata Metadata, List<GgufTensorInfo> Tensors) Read()
    {
        if (length < 4) throw Error(0, $"the file is {length} bytes long, too short to hold the GGUF magic.");
        var magic = UInt32();
        if (magic != Magic)
            throw Error(0, $"bad magic 0x{magic:X8}: expected 0x{Magic:X8} (\"GGUF\"). This is not a GGUF file.");
        var version = Need(4, "the version").UInt32();
        // v2 and v3 share one layout (64-bit counts); v3 only added big-endian files, which carry a byte-swapped version.
        if (version is not (2 or 3))
            throw Error(4, version > 0xFFFF
                ? $"version {version} looks byte-swapped: big-endian GGUF files are not supported."
                : $"unsupported GGUF version {version}: expected 3 (or 2).");

        var tensorCount = Need(8, "the tensor count").UInt64();
        var kvCount = Need(8, "the metadata count").UInt64();
        // Each key/value needs at least 8 (key length) + 4 (type) + 1 bytes; each tensor info 8 + 4 + 8 + 4 + 8.
        CheckCount(kvCount, 13, "metadata key/value count", 16);
        CheckCount(tensorCount, 32, "tensor count", 8);

        var metadata = new GgufMetadata();
        for (ulong i = 0; i < kvCount; i++)
        {
            var keyAt = position;
            var key = String($"metadata key #{i}");
            if (metadata.Contains(key)) throw Error(keyAt, $"duplicate metadata key '{key}'.");
            var typeAt = position;
            var type = ValueType(Need(4, $"the type of key '{key}'").UInt32(), typeAt, $"key '{key}'");
            metadata.Set(key, Value(type, key, 0));
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var at = position;
            var name = String($"the name of tensor #{i}");
            if (!names.Add(name)) throw Error(at, $"duplicate tensor name '{name}'.");
            var dimsAt = position;
            var nDims = Need(4, $"the dimension count of tensor '{name}'").UInt32();
            if (nDims is 0 or > MaxDims)
                throw Error(dimsAt, $"tensor '{name}' has {nDims} dimensions; expected 1 to {MaxDims}.");
            var shape = new long[nDims];
            long elements = 1;
            for (var d = 0; d < nDims; d++)
            {
                var dimAt = position;
                var dim = Need(8, $"dimension {d} of tensor '{name}'").UInt64();
                if (dim == 0 || dim > long.MaxValue)
                    throw Error(dimAt, $"tensor '{name}' dimension {d} is {dim}; expected at least 1.");
                shape[d] = (long)dim;
                if (elements > long.MaxValue / shape[d] || elements * shape[d] > length * 64)
                    throw Error(dimAt, $"tensor '{name}' shape is absurdly large for a {length}-byte file.");
                elements *= shape[d];
            }
            var typeAt = position;
            var rawType = Need(4, $"the type of tensor '{name}'").UInt32();
            var type = (GgmlType)rawType;
            if (!GgmlTypeInfo.IsKnown(type))
                throw Error(typeAt, $"tensor '{name}' has unknown ggml type {rawType}; expected a type code from ggml.h such as 0 (F32), 1 (F16) or 8 (Q8_0).");
            var block = GgmlTypeInfo.BlockSize(type);
            if (shape[0] % block != 0)
                throw Error(dimsAt, $"tensor '{name}' of type {type} has a first dimension of {shape[0]}, which is not a multiple of its block size {block}.");
            var offsetAt = position;
            var offset = Need(8, $"the data offset of tensor '{name}'").UInt64();
            if (offset > long.MaxValue)
                throw Error(offsetAt, $"tensor '{name}' data offset {offset} is absurd.");
            tensors.Add(new GgufTensorInfo(name, type, shape, (long)offset));
        }
        return (version, metadata, tensors);
    }

    GgufValue Value(GgufValueType type, string key, int depth)
    {
        var at = position;
        string what = $"the value of key '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => GgufValue.UInt8(Need(1, what).Byte()),
            GgufValueType.Int8 => GgufValue.Int8((sbyte)Need(1, what).Byte()),
            GgufValueType.UInt16 => GgufValue.UInt16(Need(2, what).UInt16()),
            GgufValueType.Int16 => GgufValue.Int16((short)Need(2, what).UInt16()),
            GgufValueType.UInt32 => GgufValue.UInt32(Need(4, what).UInt32()),
            GgufValueType.Int32 => GgufValue.Int32((int)Need(4, what).UInt32()),
            GgufValueType.Float32 => GgufValue.Float32(BitConverter.UInt32BitsToSingle(Need(4, what).UInt32())),
            GgufValueType.Bool => GgufValue.Bool(Bool(at, key)),
            GgufValueType.String => GgufValue.String(String(what)),
            GgufValueType.UInt64 => GgufValue.UInt64(Need(8, what).UInt64()),
            GgufValueType.Int64 => GgufValue.Int64((long)Need(8, what).UInt64()),
            GgufValueType.Float64 => GgufValue.Float64(BitConverter.UInt64BitsToDouble(Need(8, what).UInt64())),
            GgufValueType.Array => GgufValue.Array(Array(key, depth)),
            _ => throw Error(at, $"key '{key}' has unknown value type {(uint)type}."),
        };
    }

    GgufArray Array(string key, int depth)
    {
        if (depth >= MaxArrayNesting)
            throw Error(position, $"key '{key}' nests arrays more than {MaxArrayNesting} deep.");
        var typeAt = position;
        var elementType = ValueType(Need(4, $"the element type of array '{key}'").UInt32(), typeAt, $"array '{key}'");
        var countAt = position;
        var count = Need(8, $"the length of array '{key}'").UInt64();
        var minSize = elementType switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            GgufValueType.Array => 12,
            _ => 8, // 64-bit scalars, and strings (their 8-byte length)
        };
        if (count > (ulong)(length - position) / (ulong)minSize || count > int.MaxValue)
            throw Error(countAt, $"array '{key}' claims {count} elements of {elementType}, which would run past the end of the file ({length - position} bytes left).");
        var n = (int)count;
        System.Array items = elementType switch
        {
            GgufValueType.UInt8 => Fill(new byte[n], _ => Byte()),
            GgufValueType.Int8 => Fill(new sbyte[n], _ => (sbyte)Byte()),
            GgufValueType.UInt16 => Fill(new ushort[n], _ => UInt16()),
            GgufValueType.Int16 => Fill(new short[n], _ => (short)UInt16()),
            GgufValueType.UInt32 => Fill(new uint[n], _ => UInt32()),
            GgufValueType.Int32 => Fill(new int[n], _ => (int)UInt32()),
            GgufValueType.Float32 => Fill(new float[n], _ => BitConverter.UInt32BitsToSingle(UInt32())),
            GgufValueType.Bool => Fill(new bool[n], _ => Bool(position, key)),
            GgufValueType.String => Fill(new string[n], i => String(key, i)),
            GgufValueType.UInt64 => Fill(new ulong[n], _ => UInt64()),
            GgufValueType.Int64 => Fill(new long[n], _ => (long)UInt64()),
            GgufValueType.Float64 => Fill(new double[n], _ => BitConverter.UInt64BitsToDouble(UInt64())),
            GgufValueType.Array => Fill(new GgufArray[n], i => NestedArray(key, i, depth)),
            _ => throw Error(typeAt, $"array '{key}' has unknown element type {(uint)elementType}."),
        };
        return new GgufArray(elementType, items);
    }

    GgufArray NestedArray(string key, int index, int depth) => Array($"{key}[{index}]", depth + 1);

    static T[] Fill<T>(T[] items, Func<int, T> next)
    {
        for (var i = 0; i < items.Length; i++) items[i] = next(i);
        return items;
    }

    bool Bool(long at, string key)
    {
        var b = Need(1, $"a bool of key '{key}'").Byte();
        return b switch { 0 => false, 1 => true, _ => throw Error(at, $"key '{key}' holds bool byte {b}; expected 0 or 1.") };
    }

    GgufValueType ValueType(uint raw, long at, string owner) =>
        raw <= (uint)GgufValueType.Float64 ? (GgufValueType)raw : throw Error(at, $"{owner} has unknown value type {raw}; expected 0 to 12.");

    string String(string what) => String(what, -1);

    /// <summary>Reads a length-prefixed UTF-8 string. <paramref name="what"/> names it in errors; with an
    /// <paramref name="element"/> index it is the array key, and the description is only built on failure
    /// (formatting it eagerly for each of a 32k vocabulary's tokens doubled the parse time).</summary>
    string String(string what, int element)
    {
        string Described() => element < 0 ? what : $"element {element} of array '{what}'";
        var at = position;
        if (length - position < 8)
            throw Error(position, $"the header is truncated: the length of {Described()} needs 8 bytes, only {length - position} left.");
        var len = UInt64();
        if (len > (ulong)(length - position))
            throw Error(at, $"the length of {Described()} is {len} bytes, which runs past the end of the file ({length - position} bytes left).");
        if (len > int.MaxValue) // only reachable in files over 2 GiB; the span below cannot be longer
            throw Error(at, $"the length of {Described()} is {len} bytes; expected at most {int.MaxValue}.");
        var span = new ReadOnlySpan<byte>(data + position, (int)len);
        try
        {
            var s = StrictUtf8.GetString(span);
            position += (long)len;
            return s;
        }
        catch (DecoderFallbackException)
        {
            throw Error(at + 8, $"{Described()} is not valid UTF-8.");
        }
    }

    /// <summary>Rejects a count that the bytes after the header could not hold; <paramref name="at"/> is the count's own offset.</summary>
    void CheckCount(ulong count, int minBytesEach, string what, long at)
    {
        if (count > (ulong)(length - position) / (ulong)minBytesEach)
            throw Error(at, $"{what} {count} is absurd, or the file is truncated: the {length - position} bytes after the header cannot hold that many.");
    }

    GgufHeaderReader Need(int bytes, string what)
    {
        if (length - position < bytes)
            throw Error(position, $"the header is truncated: {what} needs {bytes} bytes, only {length - position} left.");
        return this;
    }

    byte Byte() { EnsureLeft(1); return data[position++]; }

    ushort UInt16() { EnsureLeft(2); var v = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(data + position, 2)); position += 2; return v; }

    uint UInt32() { EnsureLeft(4); var v = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(data + position, 4)); position += 4; return v; }

    ulong UInt64() { EnsureLeft(8); var v = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(data + position, 8)); position += 8; return v; }

    void EnsureLeft(int bytes)
    {
        if (length - position < bytes)
            throw Error(position, $"the header is truncated: {bytes} more bytes needed, only {length - position} left.");
    }

    static GgufFormatException Error(long offset, string message) => new($"at offset {offset}: {message}");
}
