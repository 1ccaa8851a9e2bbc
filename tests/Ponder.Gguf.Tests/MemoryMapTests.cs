using System.Runtime.CompilerServices;

namespace Ponder.Gguf.Tests;

public class MemoryMapTests
{
    [Fact]
    public void Tensor_bytes_are_a_view_into_the_mapped_file_not_a_copy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-mmap-{Guid.NewGuid():N}.gguf");
        var w = new GgufWriter();
        var values = Enumerable.Range(0, 1 << 21).Select(i => (float)i).ToArray(); // 8 MiB of data
        w.AddTensor("big", [values.Length], values);
        w.AddTensor("small", [32], values.AsSpan(0, 32), GgmlType.Q8_0);
        w.Save(path);
        try
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            using var file = GgufFile.Open(path);
            var big = file.Tensor("big");
            var first = file.TensorBytes(big);
            var second = file.TensorBytes(big);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Assert.True(allocated < first.Length / 8, $"opening and viewing an 8 MiB tensor allocated {allocated} managed bytes");
            // Two calls hand out the same memory: nothing is copied per call.
            Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in first[0]), ref Unsafe.AsRef(in second[0])));
            using (var stream = File.OpenRead(path))
            {
                // Compare against the file read through a separate stream, piece by piece rather than ReadAllBytes.
                var expected = new byte[first.Length];
                stream.Seek(file.DataOffset + big.Offset, SeekOrigin.Begin);
                stream.ReadExactly(expected);
                Assert.True(first.SequenceEqual(expected));
            }
            Assert.Equal(values, file.ReadFloat32(big));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Disposed_file_refuses_to_hand_out_tensor_bytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-mmap-{Guid.NewGuid():N}.gguf");
        var w = new GgufWriter();
        w.AddTensor("t", [4], [1f, 2f, 3f, 4f]);
        w.Save(path);
        try
        {
            var file = GgufFile.Open(path);
            var t = file.Tensor("t");
            file.Dispose();
            Assert.Throws<ObjectDisposedException>(() => file.TensorBytes(t).Length);
            File.Delete(path); // the map is released, so the file can go (this fails on Windows if it is still mapped)
        }
        finally { if (File.Exists(path)) File.Delete(path); }
    }
}
