using System.Runtime.InteropServices;

namespace Ponder.Gguf.Tests;

/// <summary>A GGUF image opened with <see cref="GgufFile.Parse"/> from native memory (no file, no memory map):
/// the fast path the tests and the fuzzer use. Native rather than pinned managed memory so the bytes
/// outlive nothing but this object, and reads past the end are not hidden by a larger managed array.</summary>
public sealed unsafe class InMemoryGguf : IDisposable
{
    readonly byte* data;

    InMemoryGguf(byte* data, GgufFile file) { this.data = data; File = file; }

    public GgufFile File { get; }

    public static InMemoryGguf Parse(ReadOnlySpan<byte> bytes)
    {
        var data = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, bytes.Length));
        bytes.CopyTo(new Span<byte>(data, bytes.Length));
        try { return new InMemoryGguf(data, GgufFile.Parse(data, bytes.Length)); }
        catch { NativeMemory.Free(data); throw; }
    }

    public void Dispose()
    {
        File.Dispose();
        NativeMemory.Free(data);
    }
}
