using System.Security.Cryptography;
using System.Text;

namespace Ponder.Training;

/// <summary>The checkpoint container shared by every training stage: a JSON header (the stage's own record) and named
/// F32 tensors, guarded by a SHA-256 checksum so a truncated or altered file is detected, never half-read.
/// <para>Layout: magic "PONDERCK", int32 version, int64 payload length, 32-byte SHA-256 of the payload, payload.
/// Payload: int32 + UTF-8 JSON header, int32 tensor count, then per tensor: name, rank, dims, F32 data.</para></summary>
public static class CheckpointFile
{
    static readonly byte[] Magic = "PONDERCK"u8.ToArray();
    const int Version = 1;

    public static void Write(Stream stream, byte[] header, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> tensors)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(header.Length);
            w.Write(header);
            w.Write(tensors.Count);
            foreach (var (name, (shape, data)) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                w.Write(name);
                w.Write(shape.Length);
                foreach (var d in shape) w.Write(d);
                w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            }
        }
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var o = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        o.Write(Magic);
        o.Write(Version);
        o.Write((long)bytes.Length);
        o.Write(SHA256.HashData(bytes));
        o.Write(bytes);
    }

    /// <summary>Reads and verifies a checkpoint file; a truncated or altered file throws <see cref="CorruptCheckpointException"/>.</summary>
    public static (byte[] Header, Dictionary<string, (long[] Shape, float[] Data)> Tensors) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        const int prefix = 8 + 4 + 8 + 32;
        if (bytes.Length < prefix || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new CorruptCheckpointException(path, "not a Ponder checkpoint (bad magic or shorter than its header)");
        var version = BitConverter.ToInt32(bytes, 8);
        if (version != Version) throw new CorruptCheckpointException(path, $"version {version}, expected {Version}");
        var length = BitConverter.ToInt64(bytes, 12);
        if (length != bytes.Length - prefix)
            throw new CorruptCheckpointException(path, $"payload is {bytes.Length - prefix} bytes, header says {length} (truncated?)");
        var payload = bytes.AsSpan(prefix);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
            throw new CorruptCheckpointException(path, "SHA-256 checksum mismatch");

        using var r = new BinaryReader(new MemoryStream(bytes, prefix, bytes.Length - prefix));
        var header = r.ReadBytes(r.ReadInt32());
        var count = r.ReadInt32();
        var tensors = new Dictionary<string, (long[], float[])>(count);
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadString();
            var shape = new long[r.ReadInt32()];
            for (var d = 0; d < shape.Length; d++) shape[d] = r.ReadInt64();
            var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
            r.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            tensors[name] = (shape, data);
        }
        return (header, tensors);
    }
}

/// <summary>A checkpoint that failed verification: the path and why.</summary>
public sealed class CorruptCheckpointException(string path, string reason)
    : Exception($"checkpoint {path} is corrupt: {reason}.")
{
    public string Path { get; } = path;
}
