namespace Ponder.Gguf.Tests;

/// <summary>Each way a GGUF header can be broken is rejected with a <see cref="GgufFormatException"/> whose message
/// names where (offset, key) and what was expected.</summary>
public class HeaderValidationTests
{
    static GgufFormatException Rejects(byte[] bytes) => Assert.Throws<GgufFormatException>(() => InMemoryGguf.Parse(bytes));

    /// <summary>One string key, one array of strings, one 4-element F32 tensor.</summary>
    static RawGguf SmallHeader() => RawGguf.Header(tensorCount: 1, kvCount: 2)
        .Key("name", GgufValueType.String).Str("hello")
        .Key("arr", GgufValueType.Array).U32((uint)GgufValueType.String).U64(2).Str("x").Str("yz")
        .Tensor("t", [4], GgmlType.F32, 0);

    [Fact]
    public void Bad_magic_is_rejected_at_offset_0_naming_the_expected_magic()
    {
        var bytes = SmallHeader().PadTo(32).Zeros(16).ToArray();
        bytes[0] = (byte)'X';
        var e = Rejects(bytes);
        Assert.StartsWith("at offset 0: bad magic 0x46554758", e.Message);
        Assert.Contains("expected 0x46554747 (\"GGUF\")", e.Message);
    }

    [Theory]
    [InlineData(1u, "unsupported GGUF version 1: expected 3")]
    [InlineData(4u, "unsupported GGUF version 4: expected 3")]
    [InlineData(0x03000000u, "looks byte-swapped")]
    public void Unsupported_version_is_rejected_at_offset_4(uint version, string expected)
    {
        var e = Rejects(RawGguf.Header(version).ToArray());
        Assert.StartsWith("at offset 4: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Version_2_shares_the_v3_layout_and_opens()
    {
        using var parsed = InMemoryGguf.Parse(RawGguf.Header(2, kvCount: 1).Key("k", GgufValueType.UInt8).U8(1).ToArray());
        Assert.Equal(2u, parsed.File.Version);
    }

    [Fact]
    public void Header_truncated_at_any_byte_is_rejected_naming_an_offset_within_the_bytes_present()
    {
        var whole = SmallHeader().PadTo(32).Zeros(16).ToArray();
        using (var parsed = InMemoryGguf.Parse(whole)) Assert.Single(parsed.File.Tensors);
        var headerEnd = whole.Length - 16; // where the data section starts
        for (var cut = 0; cut < headerEnd; cut++)
        {
            var e = Rejects(whole[..cut]);
            var match = System.Text.RegularExpressions.Regex.Match(e.Message, @"^at offset (\d+): ");
            Assert.True(match.Success, $"cut at {cut}: {e.Message}");
            Assert.InRange(long.Parse(match.Groups[1].Value), 0, cut);
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("past the end") || e.Message.Contains("too short"),
                $"cut at {cut}: {e.Message}");
        }
    }

    [Fact]
    public void Truncated_header_names_the_field_that_is_cut()
    {
        var whole = SmallHeader().ToArray();
        Assert.Equal("at offset 8: the header is truncated: the tensor count needs 8 bytes, only 4 left.", Rejects(whole[..12]).Message);
        var oneKey = RawGguf.Header(kvCount: 1).Key("name", GgufValueType.String).Str("a value long enough").ToArray();
        Assert.Equal("at offset 40: the header is truncated: the length of the value of key 'name' needs 8 bytes, only 4 left.",
            Rejects(oneKey[..(24 + 8 + 4 + 4 + 4)]).Message);
    }

    [Fact]
    public void String_length_past_the_end_of_the_file_is_rejected_naming_its_offset()
    {
        var bytes = RawGguf.Header(kvCount: 1).Key("name", GgufValueType.String).U64(1000).Bytes("short"u8).ToArray();
        var e = Rejects(bytes);
        Assert.Equal("at offset 40: the length of the value of key 'name' is 1000 bytes, which runs past the end of the file (5 bytes left).", e.Message);
    }

    [Fact]
    public void Key_length_past_the_end_of_the_file_is_rejected()
    {
        var e = Rejects(RawGguf.Header(kvCount: 1).U64(ulong.MaxValue).Bytes("key"u8).Zeros(10).ToArray());
        Assert.StartsWith("at offset 24: the length of metadata key #0 is 18446744073709551615 bytes, which runs past the end", e.Message);
    }

    [Theory]
    [InlineData(GgufValueType.UInt8, 1000UL)]
    [InlineData(GgufValueType.String, 3UL)]
    [InlineData(GgufValueType.Array, 2UL)]
    [InlineData(GgufValueType.UInt64, ulong.MaxValue)]
    public void Array_length_past_the_end_of_the_file_is_rejected_naming_the_key(GgufValueType elementType, ulong count)
    {
        var bytes = RawGguf.Header(kvCount: 1).Key("arr", GgufValueType.Array).U32((uint)elementType).U64(count).Zeros(20).ToArray();
        var e = Rejects(bytes);
        Assert.StartsWith("at offset 43: array 'arr' claims", e.Message);
        Assert.Contains($"{count} elements of {elementType}, which would run past the end of the file", e.Message);
    }

    [Fact]
    public void Absurd_metadata_count_is_rejected_naming_the_count_field_and_truncation()
    {
        var e = Rejects(RawGguf.Header(kvCount: ulong.MaxValue).Zeros(64).ToArray());
        Assert.Equal("at offset 16: metadata key/value count 18446744073709551615 is absurd, or the file is truncated: the 64 bytes after the header cannot hold that many.", e.Message);
    }

    [Fact]
    public void Absurd_tensor_count_is_rejected_naming_the_count_field()
    {
        var e = Rejects(RawGguf.Header(tensorCount: 1UL << 40).Zeros(64).ToArray());
        Assert.StartsWith("at offset 8: tensor count 1099511627776 is absurd", e.Message);
    }

    [Fact]
    public void Duplicate_metadata_key_is_rejected_naming_the_key_and_its_offset()
    {
        var bytes = RawGguf.Header(kvCount: 2).Key("dup", GgufValueType.UInt8).U8(1).Key("dup", GgufValueType.UInt8).U8(2).ToArray();
        Assert.Equal("at offset 40: duplicate metadata key 'dup'.", Rejects(bytes).Message);
    }

    [Fact]
    public void Unknown_value_type_is_rejected_naming_the_key()
    {
        var e = Rejects(RawGguf.Header(kvCount: 1).Key("k", (GgufValueType)13).Zeros(8).ToArray());
        Assert.Equal("at offset 33: key 'k' has unknown value type 13; expected 0 to 12.", e.Message);
    }

    [Fact]
    public void Bool_other_than_0_or_1_is_rejected()
    {
        var e = Rejects(RawGguf.Header(kvCount: 1).Key("flag", GgufValueType.Bool).U8(2).ToArray());
        Assert.Equal("at offset 40: key 'flag' holds bool byte 2; expected 0 or 1.", e.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_rejected()
    {
        var e = Rejects(RawGguf.Header(kvCount: 1).Key("s", GgufValueType.String).U64(2).Bytes([0xC3, 0x28]).ToArray());
        Assert.Equal("at offset 45: the value of key 's' is not valid UTF-8.", e.Message);
    }

    [Fact]
    public void Arrays_nested_too_deep_are_rejected()
    {
        var raw = RawGguf.Header(kvCount: 1).Key("deep", GgufValueType.Array);
        for (var i = 0; i < 9; i++) raw.U32((uint)GgufValueType.Array).U64(1);
        raw.U32((uint)GgufValueType.UInt8).U64(0);
        Assert.Contains("key 'deep[0][0][0][0][0][0][0][0]' nests arrays more than 8 deep", Rejects(raw.ToArray()).Message);
    }

    [Fact]
    public void Empty_file_is_rejected_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-empty-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, []);
        try
        {
            var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(path));
            Assert.Equal($"{path}: the file is empty: expected a GGUF header.", e.Message);
            Assert.Equal(path, e.Path);
        }
        finally { File.Delete(path); }
        Assert.Equal("at offset 0: the file is 0 bytes long, too short to hold the GGUF magic.", Rejects([]).Message);
    }

    [Fact]
    public void Nonexistent_file_is_rejected_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-missing-{Guid.NewGuid():N}.gguf");
        var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(path));
        Assert.Equal($"{path}: the file does not exist.", e.Message);
    }

    [Fact]
    public void Errors_from_a_real_file_carry_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-bad-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, RawGguf.Header(version: 9).ToArray());
        try
        {
            var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(path));
            Assert.Equal($"{path}: at offset 4: unsupported GGUF version 9: expected 3 (or 2).", e.Message);
        }
        finally { File.Delete(path); }
    }
}
