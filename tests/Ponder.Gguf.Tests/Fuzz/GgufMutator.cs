using System.Buffers.Binary;

namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>A mutated file and how it was made; <see cref="Case"/> and the master seed are enough to make it again.</summary>
public sealed record FuzzMutant(int Case, string SeedName, string Description, byte[] Bytes);

/// <summary>Deterministic mutation fuzzer for GGUF files. Case n of master seed s is always the same mutant:
/// its random generator is seeded from (s, n) alone, so a failing case is reproduced by number.
/// Each mutant gets 1 to 3 of: header-field targeted writes (counts, lengths, types, dims, offsets), bit flips,
/// overwrites with interesting values, truncation, chunk duplication or removal. Random positions favour the
/// header, where the parser lives; the tensor data is only bytes to it.</summary>
public sealed class GgufMutator(IReadOnlyList<FuzzSeed> seeds, int masterSeed)
{
    public enum Kind { TargetedField, BitFlip, InterestingValue, Truncate, DuplicateChunk, RemoveChunk }

    static readonly ulong[] Interesting64 =
    [
        0, 1, 2, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        long.MaxValue, 1UL << 63, ulong.MaxValue, ulong.MaxValue - 7,
    ];

    public FuzzMutant Mutate(int caseNumber)
    {
        var rng = new Random(unchecked(masterSeed * 1_000_003 + caseNumber));
        var seed = seeds[rng.Next(seeds.Count)];
        var bytes = new List<byte>(seed.Bytes);
        var steps = rng.Next(4) == 0 ? 2 + rng.Next(2) : 1;
        var description = new List<string>();
        for (var i = 0; i < steps && bytes.Count > 0; i++)
            description.Add(Apply((Kind)Pick(rng, [40, 15, 15, 10, 10, 10]), seed, bytes, rng));
        return new FuzzMutant(caseNumber, seed.Name, string.Join("; ", description), bytes.ToArray());
    }

    static int Pick(Random rng, int[] weights)
    {
        var r = rng.Next(weights.Sum());
        for (var i = 0; ; i++) if ((r -= weights[i]) < 0) return i;
    }

    /// <summary>A position, four times in five within the header.</summary>
    static int Position(Random rng, FuzzSeed seed, int length) =>
        rng.Next(5) > 0 ? rng.Next(Math.Min(length, seed.Map.HeaderEnd + 1)) : rng.Next(length);

    static string Apply(Kind kind, FuzzSeed seed, List<byte> bytes, Random rng)
    {
        switch (kind)
        {
            case Kind.TargetedField:
            {
                var field = seed.Map.Fields[rng.Next(seed.Map.Fields.Count)];
                if (field.Offset + field.Width > bytes.Count) return "targeted (field cut off)";
                var old = Read(bytes, field.Offset, field.Width);
                var value = FieldValue(field, old, bytes.Count, rng);
                Write(bytes, field.Offset, field.Width, value);
                return $"{field.Kind} at {field.Offset}: {old} -> {value}";
            }
            case Kind.BitFlip:
            {
                var at = Position(rng, seed, bytes.Count);
                var bit = rng.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} at {at}";
            }
            case Kind.InterestingValue:
            {
                var width = new[] { 1, 2, 4, 8 }[rng.Next(4)];
                var at = Position(rng, seed, bytes.Count);
                if (at + width > bytes.Count) at = bytes.Count - width;
                if (at < 0) return "overwrite (file too short)";
                var value = rng.Next(4) == 0 ? (ulong)(bytes.Count + rng.Next(-2, 3)) : Interesting64[rng.Next(Interesting64.Length)];
                Write(bytes, at, width, value);
                return $"write {value} as {width} bytes at {at}";
            }
            case Kind.Truncate:
            {
                var at = Position(rng, seed, bytes.Count);
                bytes.RemoveRange(at, bytes.Count - at);
                return $"truncate at {at}";
            }
            case Kind.DuplicateChunk:
            {
                var from = Position(rng, seed, bytes.Count);
                var length = Math.Min(1 + rng.Next(rng.Next(2) == 0 ? 16 : 512), bytes.Count - from);
                var to = Position(rng, seed, bytes.Count);
                bytes.InsertRange(to, bytes.GetRange(from, length));
                return $"duplicate {length} bytes from {from} to {to}";
            }
            case Kind.RemoveChunk:
            {
                var from = Position(rng, seed, bytes.Count);
                var length = Math.Min(1 + rng.Next(rng.Next(2) == 0 ? 16 : 512), bytes.Count - from);
                bytes.RemoveRange(from, length);
                return $"remove {length} bytes at {from}";
            }
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>A new value for a field, chosen for what the field means: off-by-one and huge lengths and counts,
    /// out-of-range type codes, zero and overflowing dimensions, shifted and misaligned offsets.</summary>
    static ulong FieldValue(GgufField field, ulong old, int fileLength, Random rng)
    {
        ulong[] choices = field.Kind switch
        {
            GgufFieldKind.Magic => [0x46554746, 0x47475546, 0],
            GgufFieldKind.Version => [0, 1, 2, 4, 0x03000000, uint.MaxValue],
            GgufFieldKind.TensorCount or GgufFieldKind.KvCount or GgufFieldKind.ArrayLength =>
                [0, old - 1, old + 1, old * 2, (ulong)fileLength / 12, (ulong)fileLength, int.MaxValue, ulong.MaxValue, 1UL << 40],
            GgufFieldKind.StringLength =>
                [0, old - 1, old + 1, old + 8, (ulong)fileLength, int.MaxValue, (ulong)int.MaxValue + 1, 1UL << 63, ulong.MaxValue],
            GgufFieldKind.ValueType or GgufFieldKind.ArrayElementType => [(ulong)rng.Next(16), 9, 8, 13, uint.MaxValue],
            GgufFieldKind.DimCount => [0, 1, 2, 3, 4, 5, uint.MaxValue],
            GgufFieldKind.Dim => [0, 1, old - 1, old + 1, old * 2, old * 32, 1UL << 32, 1UL << 62, ulong.MaxValue],
            GgufFieldKind.TensorType => [(ulong)rng.Next(41), 0, 1, 8, 2, 12, 30, 99, uint.MaxValue],
            GgufFieldKind.TensorOffset => [0, old + 1, old - 1, old + 32, old - 32, old * 2, (ulong)fileLength, 1UL << 62, ulong.MaxValue - 31],
            _ => Interesting64,
        };
        return choices[rng.Next(choices.Length)];
    }

    static ulong Read(List<byte> bytes, int at, int width)
    {
        ulong v = 0;
        for (var i = width - 1; i >= 0; i--) v = v << 8 | bytes[at + i];
        return v;
    }

    static void Write(List<byte> bytes, int at, int width, ulong value)
    {
        Span<byte> le = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(le, value);
        for (var i = 0; i < width; i++) bytes[at + i] = le[i];
    }
}
