using System.Buffers.Binary;

namespace Ponder.Gguf.Tests;

public class TensorEncodingTests
{
    static GgufFile ReadBack(GgmlType type, float[] values, out InMemoryGguf owner)
    {
        var w = new GgufWriter();
        w.AddTensor("t", [values.Length], values, type);
        owner = InMemoryGguf.Parse(GgufBytes.Of(w));
        return owner.File;
    }

    [Fact]
    public void F32_tensors_read_back_exactly()
    {
        float[] values = [0f, -0f, 1.17549435e-38f, float.Epsilon, float.MaxValue, float.NegativeInfinity, 3.14159274f, -1e-30f];
        var file = ReadBack(GgmlType.F32, values, out var owner);
        using (owner)
        {
            Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), file.ReadFloat32("t").Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(values.Length * 4, file.TensorBytes(file.Tensor("t")).Length);
        }
    }

    [Fact]
    public void F16_tensors_store_each_value_rounded_to_nearest_even_half()
    {
        // Ties: 1 + 2^-11 lies halfway between 1 and 1 + 2^-10 and goes to the even 1; 1 + 3·2^-11 goes up to 1 + 2^-9.
        float[] values = [1f + MathF.Pow(2, -11), 1f + 3 * MathF.Pow(2, -11), 65504f, 65520f, 1e-7f, -2.5f, 0.1f, 6.1e-5f];
        var file = ReadBack(GgmlType.F16, values, out var owner);
        using (owner)
        {
            var bytes = file.TensorBytes(file.Tensor("t"));
            for (var i = 0; i < values.Length; i++)
                Assert.Equal(BitConverter.HalfToUInt16Bits((Half)values[i]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]));
            Assert.Equal((ushort)0x3C00, BinaryPrimitives.ReadUInt16LittleEndian(bytes)); // 1 + 2^-11 → 1.0
            Assert.Equal((ushort)0x3C02, BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]));
            Assert.Equal((ushort)0x7C00, BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..])); // 65520 rounds to +inf
            Assert.Equal(values.Select(v => (float)(Half)v), file.ReadFloat32("t"));
        }
    }

    [Fact]
    public void Q8_0_block_is_fp16_scale_then_32_int8_rounded_half_away_from_zero()
    {
        // amax = 127 makes d = 1 exactly, so the halves below are true ties: banker's rounding would give 2, -2, 0, -0.
        var x = new float[32];
        float[] head = [127f, -127f, 2.5f, -2.5f, 0.5f, -0.5f, 0.49f, 100.4f];
        head.CopyTo(x, 0);
        for (var j = 8; j < 32; j++) x[j] = j - 16;

        byte[] expected =
        [
            0x00, 0x3C, // d = 1.0 as fp16, little-endian
            0x7F, 0x81, 0x03, 0xFD, 0x01, 0xFF, 0x00, 0x64, // 127, -127, 3, -3, 1, -1, 0, 100
            0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF, 0x00, 0x01, 0x02, 0x03, // -8 … 3
            0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, // 4 … 15
        ];
        Assert.Equal(expected, GgmlQuantization.Quantize(GgmlType.Q8_0, x));

        var file = ReadBack(GgmlType.Q8_0, x, out var owner);
        using (owner)
        {
            Assert.Equal(expected, file.TensorBytes(file.Tensor("t")).ToArray());
            Assert.Equal(34, GgmlTypeInfo.TypeSize(GgmlType.Q8_0));
        }
    }

    [Fact]
    public void Q8_0_scale_is_amax_over_127_and_an_all_zero_block_has_zero_scale()
    {
        var x = new float[64];
        x[0] = 1f; x[1] = -1f; // block 0: amax 1 → d = 1/127 ≈ 0.007874 → fp16 0x2008
        var bytes = GgmlQuantization.Quantize(GgmlType.Q8_0, x);
        Assert.Equal(68, bytes.Length);
        Assert.Equal((ushort)0x2008, BinaryPrimitives.ReadUInt16LittleEndian(bytes));
        Assert.Equal([0x7F, 0x81], bytes[2..4]);
        Assert.All(bytes[34..], b => Assert.Equal(0, b)); // block 1: d = 0 and every q = 0, no division by zero
    }

    [Fact]
    public void Q8_0_dequantised_values_are_within_half_a_step_of_the_originals()
    {
        var random = new Random(7);
        var x = new float[32 * 16];
        for (var i = 0; i < x.Length; i++) x[i] = (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 3)));
        var file = ReadBack(GgmlType.Q8_0, x, out var owner);
        using (owner)
        {
            var y = file.ReadFloat32("t");
            for (var b = 0; b < x.Length / 32; b++)
            {
                var block = x.AsSpan(b * 32, 32);
                var d = block.ToArray().Max(MathF.Abs) / 127f;
                var d16 = (float)(Half)d;
                for (var j = 0; j < 32; j++)
                {
                    var q = MathF.Round(block[j] / d, MidpointRounding.AwayFromZero);
                    // Quantising loses at most d/2; ggml then stores d as fp16, which shifts q·d by |q|·|d − fp16(d)| more.
                    var bound = d / 2 + MathF.Abs(q) * MathF.Abs(d - d16) + 1e-6f * d;
                    Assert.True(MathF.Abs(block[j] - y[b * 32 + j]) <= bound, $"block {b} element {j}: {block[j]} read back as {y[b * 32 + j]} (d = {d})");
                }
            }
        }
    }

    [Fact]
    public void Tensors_of_every_written_type_rewrite_to_identical_bytes()
    {
        var bytes = GgufBytes.Of(TinyLlama.Writer(weights: GgmlType.Q8_0));
        Assert.Equal(bytes, GgufBytes.Rewrite(bytes));
        bytes = GgufBytes.Of(TinyLlama.Writer(weights: GgmlType.F16));
        Assert.Equal(bytes, GgufBytes.Rewrite(bytes));
    }
}
