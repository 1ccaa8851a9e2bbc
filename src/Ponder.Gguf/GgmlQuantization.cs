using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ponder.Gguf;

/// <summary>Conversions between F32 and the stored tensor types, bit for bit as ggml does them:
/// F16 rounds to nearest even; Q8_0 blocks are 32 values as {fp16 scale d, int8 q[32]} with d = max|x| / 127
/// and q = round-half-away(x / d) (ggml's quantize_row_q8_0_ref).</summary>
public static class GgmlQuantization
{
    public const int Q8BlockSize = 32;
    const int Q8BlockBytes = 2 + Q8BlockSize;

    public static bool CanDequantize(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16 or GgmlType.Q8_0;

    public static void Dequantize(GgmlType type, ReadOnlySpan<byte> source, Span<float> destination, string tensorName = "tensor")
    {
        switch (type)
        {
            case GgmlType.F32:
                MemoryMarshal.Cast<byte, float>(source)[..destination.Length].CopyTo(destination);
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("GGUF tensors are little-endian.");
                break;
            case GgmlType.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(source);
                for (var i = 0; i < destination.Length; i++) destination[i] = (float)halves[i];
                break;
            case GgmlType.BF16:
                var raw = MemoryMarshal.Cast<byte, ushort>(source);
                for (var i = 0; i < destination.Length; i++) destination[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                break;
            case GgmlType.Q8_0:
                for (int block = 0, i = 0; i < destination.Length; block++)
                {
                    var bytes = source.Slice(block * Q8BlockBytes, Q8BlockBytes);
                    var d = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes));
                    for (var j = 0; j < Q8BlockSize; j++) destination[i++] = d * (sbyte)bytes[2 + j];
                }
                break;
            default:
                throw new NotSupportedException($"Tensor '{tensorName}' is {type}; Ponder dequantises F32, F16, BF16 and Q8_0 only. Convert the file with llama.cpp's llama-quantize.");
        }
    }

    /// <summary>Encodes F32 values as <paramref name="type"/> (F32, F16 or Q8_0).</summary>
    public static byte[] Quantize(GgmlType type, ReadOnlySpan<float> values)
    {
        if (values.Length % GgmlTypeInfo.BlockSize(type) != 0)
            throw new ArgumentException($"{values.Length} values is not a whole number of {type} blocks of {GgmlTypeInfo.BlockSize(type)}.");
        var bytes = new byte[GgmlTypeInfo.ByteSize(type, values.Length)];
        switch (type)
        {
            case GgmlType.F32:
                MemoryMarshal.AsBytes(values).CopyTo(bytes);
                break;
            case GgmlType.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
                for (var i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
                break;
            case GgmlType.Q8_0:
                for (var block = 0; block < values.Length / Q8BlockSize; block++)
                    QuantizeQ8Block(values.Slice(block * Q8BlockSize, Q8BlockSize), bytes.AsSpan(block * Q8BlockBytes, Q8BlockBytes));
                break;
            default:
                throw new NotSupportedException($"Ponder writes F32, F16 and Q8_0 tensors, not {type}.");
        }
        return bytes;
    }

    static void QuantizeQ8Block(ReadOnlySpan<float> x, Span<byte> block)
    {
        var amax = 0f;
        foreach (var v in x) amax = MathF.Max(amax, MathF.Abs(v));
        var d = amax / 127f;
        var id = d != 0 ? 1f / d : 0f;
        BinaryPrimitives.WriteUInt16LittleEndian(block, BitConverter.HalfToUInt16Bits((Half)d));
        for (var j = 0; j < Q8BlockSize; j++)
            block[2 + j] = (byte)(sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero);
    }
}
