using System.IO.MemoryMappedFiles;

namespace Ponder.Gguf;

/// <summary>An open, validated GGUF file. The header is parsed into managed objects; tensor data stays in a
/// read-only memory map and is handed out as spans over it, never copied whole into managed memory.</summary>
public sealed unsafe class GgufFile : IDisposable
{
    public const int DefaultAlignment = 32;
    public const string AlignmentKey = "general.alignment";

    readonly MemoryMappedFile? map;
    readonly MemoryMappedViewAccessor? view;
    readonly byte* basePointer;
    readonly Dictionary<string, GgufTensorInfo> byName;

    GgufFile(string path, MemoryMappedFile? map, MemoryMappedViewAccessor? view, byte* basePointer, long length,
        uint version, GgufMetadata metadata, List<GgufTensorInfo> tensors, int alignment, long dataOffset)
    {
        Path = path; this.map = map; this.view = view; this.basePointer = basePointer; FileLength = length;
        Version = version; Metadata = metadata; Tensors = tensors; Alignment = alignment; DataOffset = dataOffset;
        byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public string Path { get; }
    public uint Version { get; }
    public GgufMetadata Metadata { get; }
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }
    public int Alignment { get; }
    /// <summary>Absolute file offset where the tensor data section starts.</summary>
    public long DataOffset { get; }
    public long FileLength { get; }

    /// <summary>Opens and validates a GGUF file; throws <see cref="GgufFormatException"/> naming what is wrong.</summary>
    public static GgufFile Open(string path)
    {
        if (!File.Exists(path)) throw new GgufFormatException("the file does not exist.", path);
        var length = new FileInfo(path).Length;
        if (length == 0) throw new GgufFormatException("the file is empty: expected a GGUF header.", path);

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            pointer += view.PointerOffset;
            var file = Parse(path, pointer, length, map, view);
            return file;
        }
        catch (GgufFormatException e)
        {
            Release(view, map, acquired);
            throw e.Path is null ? new GgufFormatException(e.Message, path) : e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Release(view, map, acquired);
            throw new GgufFormatException($"cannot be read: {e.Message}", path);
        }
        catch
        {
            Release(view, map, acquired); // nothing unexpected may leak the map either
            throw;
        }
    }

    /// <summary>Parses and validates a GGUF image held in memory (no memory map); the bytes must outlive the result.</summary>
    public static GgufFile Parse(byte* data, long length, string name = "<memory>") => Parse(name, data, length, null, null);

    static GgufFile Parse(string path, byte* data, long length, MemoryMappedFile? map, MemoryMappedViewAccessor? view)
    {
        var reader = new GgufHeaderReader(data, length);
        var (version, metadata, tensors) = reader.Read();
        var alignment = ReadAlignment(metadata);
        var dataOffset = AlignUp(reader.Position, alignment);
        if (tensors.Count > 0 && dataOffset > length)
            throw new GgufFormatException($"at offset {reader.Position}: the tensor data section should start at offset {dataOffset}, past the end of the file ({length} bytes).");
        ValidatePlacement(tensors, alignment, length - Math.Min(dataOffset, length));
        return new GgufFile(path, map, view, data, length, version, metadata, tensors, alignment, dataOffset);
    }

    static int ReadAlignment(GgufMetadata metadata)
    {
        if (!metadata.TryGet(AlignmentKey, out var value)) return DefaultAlignment;
        if (value.Type != GgufValueType.UInt32)
            throw new GgufFormatException($"key '{AlignmentKey}' must be a UInt32, but it is a {value.Type}.");
        var alignment = (uint)value.Value;
        if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > 1 << 20)
            throw new GgufFormatException($"key '{AlignmentKey}' is {alignment}; expected a power of two between 1 and 1048576.");
        return (int)alignment;
    }

    static void ValidatePlacement(List<GgufTensorInfo> tensors, int alignment, long dataLength)
    {
        foreach (var t in tensors)
        {
            if (t.Offset % alignment != 0)
                throw new GgufFormatException($"tensor '{t.Name}' data offset {t.Offset} is not a multiple of the alignment {alignment}.");
            if (t.Offset > dataLength || t.ByteSize > dataLength - t.Offset)
                throw new GgufFormatException($"tensor '{t.Name}' data ({t.ByteSize} bytes at data offset {t.Offset}) lies outside the file: the data section holds {dataLength} bytes.");
        }
        GgufTensorInfo? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Offset))
        {
            if (previous is not null && previous.Offset + previous.ByteSize > t.Offset)
                throw new GgufFormatException($"tensor '{t.Name}' (data offset {t.Offset}) overlaps tensor '{previous.Name}' (data offset {previous.Offset}, {previous.ByteSize} bytes).");
            previous = t;
        }
    }

    public static long AlignUp(long offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    public GgufTensorInfo Tensor(string name) =>
        byName.TryGetValue(name, out var t) ? t : throw new GgufFormatException($"missing required tensor '{name}'.", Path);

    public bool TryGetTensor(string name, out GgufTensorInfo tensor) => byName.TryGetValue(name, out tensor!);

    /// <summary>The raw bytes of a tensor, straight from the memory map.</summary>
    public ReadOnlySpan<byte> TensorBytes(GgufTensorInfo tensor)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (tensor.ByteSize > int.MaxValue)
            throw new NotSupportedException($"tensor '{tensor.Name}' is {tensor.ByteSize} bytes; spans are limited to 2 GiB.");
        return new ReadOnlySpan<byte>(basePointer + DataOffset + tensor.Offset, (int)tensor.ByteSize);
    }

    /// <summary>A tensor's values as F32, dequantising F16, BF16 and Q8_0. Any other type is a
    /// <see cref="GgufFormatException"/>, like every other reason Ponder refuses a file, so callers that load
    /// a model catch one exception type and show its message.</summary>
    public float[] ReadFloat32(GgufTensorInfo tensor)
    {
        if (!GgmlQuantization.CanDequantize(tensor.Type))
            throw new GgufFormatException($"tensor '{tensor.Name}' is {tensor.Type}; Ponder dequantises F32, F16, BF16 and Q8_0 only. Convert the file with llama.cpp's llama-quantize (e.g. to Q8_0).", Path);
        var result = new float[checked((int)tensor.ElementCount)];
        GgmlQuantization.Dequantize(tensor.Type, TensorBytes(tensor), result, tensor.Name);
        return result;
    }

    public float[] ReadFloat32(string name) => ReadFloat32(Tensor(name));

    bool disposed;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Release(view, map, basePointer != null && view != null);
    }

    static void Release(MemoryMappedViewAccessor? view, MemoryMappedFile? map, bool acquired)
    {
        if (acquired) view?.SafeMemoryMappedViewHandle.ReleasePointer();
        view?.Dispose();
        map?.Dispose();
    }
}
