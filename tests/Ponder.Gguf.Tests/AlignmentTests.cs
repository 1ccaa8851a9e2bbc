namespace Ponder.Gguf.Tests;

public class AlignmentTests
{
    static GgufWriter ThreeOddTensors(uint? alignment)
    {
        var w = new GgufWriter();
        if (alignment is { } a) w.Metadata.Set(GgufFile.AlignmentKey, GgufValue.UInt32(a));
        w.Metadata.Set("pad", GgufValue.String("xyz")); // makes the header end off any boundary
        w.AddTensor("a", [3], [1f, 2f, 3f]);
        w.AddTensor("b", [5], [1f, 2f, 3f, 4f, 5f], GgmlType.F16);
        w.AddTensor("c", [32], new float[32], GgmlType.Q8_0);
        return w;
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(8u)]
    [InlineData(64u)]
    [InlineData(4096u)]
    public void General_alignment_places_the_data_section_and_every_tensor_on_its_multiples(uint alignment)
    {
        var bytes = GgufBytes.Of(ThreeOddTensors(alignment));
        using var parsed = InMemoryGguf.Parse(bytes);
        var file = parsed.File;
        Assert.Equal((int)alignment, file.Alignment);
        Assert.Equal(0, file.DataOffset % alignment);
        Assert.All(file.Tensors, t => Assert.Equal(0, (file.DataOffset + t.Offset) % alignment));
        Assert.Equal([1f, 2f, 3f], file.ReadFloat32("a"));
        Assert.Equal(bytes, GgufBytes.Rewrite(bytes));
    }

    [Fact]
    public void Alignment_of_one_packs_tensors_back_to_back()
    {
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(ThreeOddTensors(1)));
        Assert.Equal([0L, 12L, 22L], parsed.File.Tensors.Select(t => t.Offset));
    }

    [Fact]
    public void Alignment_defaults_to_32_when_the_key_is_absent()
    {
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(ThreeOddTensors(null)));
        Assert.Equal(32, parsed.File.Alignment);
        Assert.Equal(0, parsed.File.DataOffset % 32);
        Assert.Equal([0L, 32L, 64L], parsed.File.Tensors.Select(t => t.Offset));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Alignment_that_is_not_a_power_of_two_is_rejected_naming_the_key(uint alignment)
    {
        var bytes = RawGguf.Header(kvCount: 1).Key(GgufFile.AlignmentKey, GgufValueType.UInt32).U32(alignment).ToArray();
        var e = Assert.Throws<GgufFormatException>(() => InMemoryGguf.Parse(bytes));
        Assert.Contains($"'{GgufFile.AlignmentKey}' is {alignment}", e.Message);
        Assert.Contains("power of two", e.Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Writer_refuses_an_alignment_the_reader_would_reject(uint alignment)
    {
        var w = ThreeOddTensors(alignment);
        var e = Assert.Throws<InvalidOperationException>(() => GgufBytes.Of(w));
        Assert.Contains($"'{GgufFile.AlignmentKey}' is UInt32 {alignment}", e.Message);
    }

    [Fact]
    public void Writer_refuses_an_alignment_of_another_integer_type()
    {
        var w = ThreeOddTensors(null);
        w.Metadata.Set(GgufFile.AlignmentKey, GgufValue.Int32(64));
        Assert.Throws<InvalidOperationException>(() => GgufBytes.Of(w));
    }
}
