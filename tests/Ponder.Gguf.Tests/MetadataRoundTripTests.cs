namespace Ponder.Gguf.Tests;

public class MetadataRoundTripTests
{
    static GgufWriter EveryValueType()
    {
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("u8", GgufValue.UInt8(byte.MaxValue));
        m.Set("i8", GgufValue.Int8(sbyte.MinValue));
        m.Set("u16", GgufValue.UInt16(ushort.MaxValue));
        m.Set("i16", GgufValue.Int16(short.MinValue));
        m.Set("u32", GgufValue.UInt32(uint.MaxValue));
        m.Set("i32", GgufValue.Int32(int.MinValue));
        m.Set("f32", GgufValue.Float32(-1.5e-7f));
        m.Set("f32.nan", GgufValue.Float32(BitConverter.Int32BitsToSingle(0x7FC00123))); // a NaN payload must survive too
        m.Set("bool.true", GgufValue.Bool(true));
        m.Set("bool.false", GgufValue.Bool(false));
        m.Set("str.empty", GgufValue.String(""));
        m.Set("str.unicode", GgufValue.String("naïve — 日本語 ▁the 🦙\n\t\"q\""));
        m.Set("u64", GgufValue.UInt64(ulong.MaxValue));
        m.Set("i64", GgufValue.Int64(long.MinValue));
        m.Set("f64", GgufValue.Float64(Math.PI));
        m.Set("arr.u8", GgufValue.Array(new GgufArray(GgufValueType.UInt8, new byte[] { 0, 1, 255 })));
        m.Set("arr.i8", GgufValue.Array(new GgufArray(GgufValueType.Int8, new sbyte[] { -128, 127 })));
        m.Set("arr.u16", GgufValue.Array(new GgufArray(GgufValueType.UInt16, new ushort[] { 1, 65535 })));
        m.Set("arr.i16", GgufValue.Array(new GgufArray(GgufValueType.Int16, new short[] { -1, 300 })));
        m.Set("arr.u32", GgufValue.Array(new GgufArray(GgufValueType.UInt32, new uint[] { 7, uint.MaxValue })));
        m.Set("arr.i32", GgufValue.Array(GgufArray.Of(-3, 4)));
        m.Set("arr.f32", GgufValue.Array(GgufArray.Of(0.5f, float.NegativeInfinity)));
        m.Set("arr.bool", GgufValue.Array(new GgufArray(GgufValueType.Bool, new[] { true, false, true })));
        m.Set("arr.str", GgufValue.Array(GgufArray.Of("a", "", "Ü", "<0x0A>", "▁ü")));
        m.Set("arr.u64", GgufValue.Array(new GgufArray(GgufValueType.UInt64, new ulong[] { ulong.MaxValue })));
        m.Set("arr.i64", GgufValue.Array(new GgufArray(GgufValueType.Int64, new long[] { long.MinValue, 0 })));
        m.Set("arr.f64", GgufValue.Array(new GgufArray(GgufValueType.Float64, new[] { -0.0, 1e300 })));
        m.Set("arr.empty", GgufValue.Array(new GgufArray(GgufValueType.String, Array.Empty<string>())));
        // An array of arrays of strings (as tokenizer merges could be), with an empty inner array.
        m.Set("arr.nested", GgufValue.Array(new GgufArray(GgufValueType.Array, new[]
        {
            GgufArray.Of("ab", "ç"), new GgufArray(GgufValueType.String, Array.Empty<string>()), new GgufArray(GgufValueType.String, new[] { "日本" }),
        })));
        m.Set("arr.nested3", GgufValue.Array(new GgufArray(GgufValueType.Array, new[]
        {
            new GgufArray(GgufValueType.Array, new[] { GgufArray.Of(1, 2), GgufArray.Of(3) }),
        })));
        m.Set("ключ.ünïcode", GgufValue.String("key names may be UTF-8 too"));
        return w;
    }

    [Fact]
    public void Every_metadata_value_type_reads_back_with_its_type_and_value()
    {
        var written = EveryValueType();
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(written));
        var read = parsed.File.Metadata;

        Assert.Equal(written.Metadata.Keys, read.Keys);
        foreach (var (key, expected) in written.Metadata)
        {
            Assert.Equal(expected.Type, read[key].Type);
            AssertSameValue(expected.Value, read[key].Value);
        }
        Assert.Equal("naïve — 日本語 ▁the 🦙\n\t\"q\"", read.GetString("str.unicode"));
        var nested = read.GetArray("arr.nested").As<GgufArray>();
        Assert.Equal(["ab", "ç"], nested[0].As<string>());
        Assert.Empty(nested[1].As<string>());
        Assert.Equal(["日本"], nested[2].As<string>());
    }

    [Fact]
    public void Every_metadata_value_type_rewrites_to_identical_bytes()
    {
        var bytes = GgufBytes.Of(EveryValueType());
        Assert.Equal(bytes, GgufBytes.Rewrite(bytes));
    }

    [Fact]
    public void Strings_are_stored_as_utf8_bytes_with_a_byte_length()
    {
        var w = new GgufWriter();
        w.Metadata.Set("k", GgufValue.String("é🦙"));
        var bytes = GgufBytes.Of(w);
        // header (24) + key length (8) + "k" (1) + type (4) = 37, then the value's length: 2 + 4 UTF-8 bytes, not 3 chars.
        Assert.Equal(6UL, BitConverter.ToUInt64(bytes, 37));
        Assert.Equal("é🦙"u8.ToArray(), bytes[45..51]);
    }

    static void AssertSameValue(object expected, object actual)
    {
        if (expected is GgufArray e && actual is GgufArray a)
        {
            Assert.Equal(e.ElementType, a.ElementType);
            Assert.Equal(e.Count, a.Count);
            for (var i = 0; i < e.Count; i++) AssertSameValue(e.Items.GetValue(i)!, a.Items.GetValue(i)!);
            return;
        }
        // Compare floats by bits so NaN payloads and -0.0 count.
        switch (expected)
        {
            case float f: Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits((float)actual)); break;
            case double d: Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)actual)); break;
            default: Assert.Equal(expected, actual); break;
        }
    }
}
