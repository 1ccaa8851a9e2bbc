using System.Text;

namespace Ponder.Gguf;

/// <summary>Builds a GGUF v3 file: metadata in insertion order, tensors laid out in insertion order, each
/// at the next multiple of the alignment (as llama.cpp's writer does), zero padding between. Saving goes
/// through a temporary file and a rename, so a crash never leaves a half-written model under the real name.</summary>
public sealed class GgufWriter
{
    readonly List<(GgufTensorInfo Info, ReadOnlyMemory<byte> Data)> tensors = [];
    readonly HashSet<string> names = new(StringComparer.Ordinal);

    public GgufMetadata Metadata { get; } = new();

    public IEnumerable<GgufTensorInfo> Tensors => tensors.Select(t => t.Info);

    // The reader's rule (a UInt32 power of two up to 1 MiB), so Save never writes a file Open rejects;
    // an Int32 64 used to be written as aligned to 64 and then refused, and 0 divided by zero.
    int Alignment => !Metadata.TryGet(GgufFile.AlignmentKey, out var v) ? GgufFile.DefaultAlignment
        : v.Value is uint a && a is > 0 and <= 1 << 20 && (a & (a - 1)) == 0 ? (int)a
        : throw new InvalidOperationException($"Metadata key '{GgufFile.AlignmentKey}' is {v.Type} {v}; it must be a UInt32 power of two between 1 and 1048576.");

    /// <summary>A writer holding everything <paramref name="file"/> holds; saving it reproduces the file.</summary>
    public static GgufWriter From(GgufFile file)
    {
        var writer = new GgufWriter();
        foreach (var (key, value) in file.Metadata) writer.Metadata.Set(key, value);
        foreach (var t in file.Tensors) writer.AddTensor(t.Name, t.Type, t.Shape, file.TensorBytes(t).ToArray());
        return writer;
    }

    /// <summary>Adds a tensor already encoded as <paramref name="type"/>. Shape is in ggml order (contiguous dimension first).</summary>
    public void AddTensor(string name, GgmlType type, long[] shape, ReadOnlyMemory<byte> data)
    {
        if (!names.Add(name)) throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        if (shape.Length is 0 or > 4 || shape.Any(d => d < 1))
            throw new ArgumentException($"Tensor '{name}' shape [{string.Join(", ", shape)}] needs 1 to 4 positive dimensions.", nameof(shape));
        var info = new GgufTensorInfo(name, type, (long[])shape.Clone(), 0);
        if (shape[0] % GgmlTypeInfo.BlockSize(type) != 0)
            throw new ArgumentException($"Tensor '{name}': first dimension {shape[0]} is not a multiple of the {type} block size {GgmlTypeInfo.BlockSize(type)}.", nameof(shape));
        if (data.Length != info.ByteSize)
            throw new ArgumentException($"Tensor '{name}' of type {type} and shape {info.ShapeText} needs {info.ByteSize} bytes, got {data.Length}.", nameof(data));
        tensors.Add((info, data));
    }

    /// <summary>Adds F32 values, stored as <paramref name="storeAs"/> (F32, F16 or Q8_0).</summary>
    public void AddTensor(string name, long[] shape, ReadOnlySpan<float> values, GgmlType storeAs = GgmlType.F32) =>
        AddTensor(name, storeAs, shape, GgmlQuantization.Quantize(storeAs, values));

    /// <summary>Writes the file atomically: to a temporary file beside it, flushed to disk, then renamed over <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var temp = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public void WriteTo(Stream stream)
    {
        var alignment = Alignment;
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(GgufHeaderReader.Magic);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)Metadata.Count);
        foreach (var (key, value) in Metadata)
        {
            WriteString(w, key);
            w.Write((uint)value.Type);
            WriteValue(w, value.Type, value.Value);
        }

        long offset = 0;
        var offsets = new long[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var info = tensors[i].Info;
            offsets[i] = offset;
            WriteString(w, info.Name);
            w.Write((uint)info.Shape.Length);
            foreach (var d in info.Shape) w.Write((ulong)d);
            w.Write((uint)info.Type);
            w.Write((ulong)offset);
            offset = GgufFile.AlignUp(offset + info.ByteSize, alignment);
        }
        w.Flush();

        Pad(stream, alignment);
        var dataStart = stream.Position;
        for (var i = 0; i < tensors.Count; i++)
        {
            stream.Write(tensors[i].Data.Span);
            Pad(stream, alignment, dataStart);
        }
    }

    static void Pad(Stream stream, int alignment, long origin = 0)
    {
        var rel = stream.Position - origin;
        var padding = GgufFile.AlignUp(rel, alignment) - rel;
        for (var i = 0; i < padding; i++) stream.WriteByte(0);
    }

    static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    static void WriteValue(BinaryWriter w, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: w.Write((byte)value); break;
            case GgufValueType.Int8: w.Write((sbyte)value); break;
            case GgufValueType.UInt16: w.Write((ushort)value); break;
            case GgufValueType.Int16: w.Write((short)value); break;
            case GgufValueType.UInt32: w.Write((uint)value); break;
            case GgufValueType.Int32: w.Write((int)value); break;
            case GgufValueType.Float32: w.Write((float)value); break;
            case GgufValueType.Bool: w.Write((bool)value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: WriteString(w, (string)value); break;
            case GgufValueType.UInt64: w.Write((ulong)value); break;
            case GgufValueType.Int64: w.Write((long)value); break;
            case GgufValueType.Float64: w.Write((double)value); break;
            case GgufValueType.Array:
                var array = (GgufArray)value;
                w.Write((uint)array.ElementType);
                w.Write((ulong)array.Count);
                foreach (var item in array.Items) WriteValue(w, array.ElementType, item!);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Not a GGUF value type.");
        }
    }
}
