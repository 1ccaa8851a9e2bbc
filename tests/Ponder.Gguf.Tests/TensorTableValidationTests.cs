namespace Ponder.Gguf.Tests;

/// <summary>Each way the tensor table can be wrong is rejected with a <see cref="GgufFormatException"/> naming the tensor.</summary>
public class TensorTableValidationTests
{
    static GgufFormatException Rejects(byte[] bytes) => Assert.Throws<GgufFormatException>(() => InMemoryGguf.Parse(bytes));

    /// <summary>A file whose tensors are given raw; the data section is <paramref name="dataBytes"/> zeros after 32-byte padding.</summary>
    static byte[] WithTensors(long dataBytes, params (string Name, long[] Shape, GgmlType Type, ulong Offset)[] tensors)
    {
        var raw = RawGguf.Header(tensorCount: (ulong)tensors.Length);
        foreach (var t in tensors) raw.Tensor(t.Name, t.Shape, t.Type, t.Offset);
        return raw.PadTo(32).Zeros(dataBytes).ToArray();
    }

    [Fact]
    public void Well_placed_tensors_open()
    {
        using var parsed = InMemoryGguf.Parse(WithTensors(96, ("a", [8], GgmlType.F32, 0), ("b", [32], GgmlType.Q8_0, 32)));
        Assert.Equal(["a", "b"], parsed.File.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void Tensor_data_past_the_end_of_the_file_is_rejected_naming_the_tensor_and_sizes()
    {
        var e = Rejects(WithTensors(32, ("a", [8], GgmlType.F32, 0), ("w", [16], GgmlType.F32, 32)));
        Assert.Equal("tensor 'w' data (64 bytes at data offset 32) lies outside the file: the data section holds 32 bytes.", e.Message);
    }

    [Fact]
    public void Tensor_offset_far_past_the_end_is_rejected()
    {
        var e = Rejects(WithTensors(32, ("w", [1], GgmlType.F32, 1UL << 40)));
        Assert.Contains("tensor 'w' data (4 bytes at data offset 1099511627776) lies outside the file", e.Message);
    }

    [Fact]
    public void Tensor_data_section_missing_entirely_is_rejected()
    {
        var bytes = RawGguf.Header(tensorCount: 1).Tensor("w", [1], GgmlType.F32, 0).ToArray(); // no padding, no data
        var e = Rejects(bytes);
        Assert.Equal($"at offset {bytes.Length}: the tensor data section should start at offset 64, past the end of the file ({bytes.Length} bytes).", e.Message);
    }

    [Fact]
    public void Misaligned_tensor_offset_is_rejected_naming_the_alignment()
    {
        var e = Rejects(WithTensors(64, ("a", [1], GgmlType.F32, 0), ("b", [1], GgmlType.F32, 4)));
        Assert.Equal("tensor 'b' data offset 4 is not a multiple of the alignment 32.", e.Message);
    }

    [Fact]
    public void Overlapping_tensors_are_rejected_naming_both()
    {
        var e = Rejects(WithTensors(128, ("big", [16], GgmlType.F32, 0), ("small", [1], GgmlType.F32, 32)));
        Assert.Equal("tensor 'small' (data offset 32) overlaps tensor 'big' (data offset 0, 64 bytes).", e.Message);
    }

    [Fact]
    public void Tensors_sharing_an_offset_are_rejected_as_overlapping()
    {
        var e = Rejects(WithTensors(64, ("a", [1], GgmlType.F32, 0), ("b", [1], GgmlType.F32, 0)));
        Assert.Contains("overlaps tensor", e.Message);
    }

    [Fact]
    public void Unknown_tensor_type_is_rejected_naming_the_tensor_and_the_offset_of_its_type()
    {
        var e = Rejects(WithTensors(64, ("w", [4], (GgmlType)99, 0)));
        // header 24, name length 8 + "w", dims count 4, one dim 8: the type is at offset 45.
        Assert.StartsWith("at offset 45: tensor 'w' has unknown ggml type 99", e.Message);
        Assert.Contains("expected", e.Message);
    }

    [Theory]
    [InlineData(GgmlType.Q8_0, 33L)]
    [InlineData(GgmlType.Q8_0, 16L)]
    [InlineData(GgmlType.Q4_K, 32L)]
    public void First_dimension_not_a_multiple_of_the_block_size_is_rejected(GgmlType type, long cols)
    {
        var e = Rejects(WithTensors(4096, ("q", [cols, 2], type, 0)));
        Assert.Equal($"at offset 33: tensor 'q' of type {type} has a first dimension of {cols}, which is not a multiple of its block size {GgmlTypeInfo.BlockSize(type)}.", e.Message);
    }

    [Fact]
    public void Zero_dimension_is_rejected()
    {
        var e = Rejects(WithTensors(64, ("z", [4, 0], GgmlType.F32, 0)));
        Assert.Equal("at offset 45: tensor 'z' dimension 1 is 0; expected at least 1.", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Dimension_count_outside_1_to_4_is_rejected(int dims)
    {
        var e = Rejects(WithTensors(64, ("d", Enumerable.Repeat(1L, dims).ToArray(), GgmlType.F32, 0)));
        Assert.Equal($"at offset 33: tensor 'd' has {dims} dimensions; expected 1 to 4.", e.Message);
    }

    [Fact]
    public void Absurdly_large_shape_is_rejected_before_any_size_arithmetic_overflows()
    {
        var e = Rejects(WithTensors(64, ("huge", [1L << 40, 1L << 40], GgmlType.F32, 0)));
        Assert.Contains("tensor 'huge' shape is absurdly large", e.Message);
    }

    [Fact]
    public void Duplicate_tensor_name_is_rejected()
    {
        var e = Rejects(WithTensors(64, ("w", [1], GgmlType.F32, 0), ("w", [1], GgmlType.F32, 32)));
        Assert.Equal("at offset 57: duplicate tensor name 'w'.", e.Message);
    }

    [Fact]
    public void Reading_a_tensor_of_a_type_Ponder_cannot_dequantise_is_a_format_error_naming_the_tensor()
    {
        using var parsed = InMemoryGguf.Parse(WithTensors(18, ("q4", [32], GgmlType.Q4_0, 0)));
        var e = Assert.Throws<GgufFormatException>(() => parsed.File.ReadFloat32("q4"));
        Assert.Contains("tensor 'q4' is Q4_0", e.Message);
        Assert.Equal(18, parsed.File.TensorBytes(parsed.File.Tensor("q4")).Length); // raw bytes stay available
    }
}
