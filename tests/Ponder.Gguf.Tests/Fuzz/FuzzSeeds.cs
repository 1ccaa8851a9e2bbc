namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>The files the fuzzer mutates: llama.cpp's fixtures where ../shared is present, and files Ponder writes
/// (F32 llama; Q8_0 llama with F16 tensors, nested arrays and alignment 64; every metadata value type).</summary>
public static class FuzzSeeds
{
    public static IReadOnlyList<FuzzSeed> All()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var fixture in new[] { "fixtures/stories260K.gguf", "fixtures/llama-2-tiny-random.gguf" })
            if (SharedFixtures.File(fixture) is { } path) seeds.Add(new FuzzSeed(Path.GetFileName(path), File.ReadAllBytes(path)));

        seeds.Add(new FuzzSeed("ponder-llama-f32", GgufBytes.Of(TinyLlama.Writer(new TinyLlama.Dims(Blocks: 1)))));

        var mixed = TinyLlama.Writer(new TinyLlama.Dims(Blocks: 1), weights: GgmlType.Q8_0);
        mixed.Metadata.Set(GgufFile.AlignmentKey, GgufValue.UInt32(64));
        mixed.Metadata.Set("tokenizer.ggml.merges.nested", GgufValue.Array(new GgufArray(GgufValueType.Array, new[]
        {
            GgufArray.Of("▁ t", "h e"), GgufArray.Of("ü", ""), new GgufArray(GgufValueType.Array, new[] { GgufArray.Of(1, 2) }),
        })));
        mixed.AddTensor("extra.f16", [8, 2], Enumerable.Range(0, 16).Select(i => i / 3f).ToArray(), GgmlType.F16);
        seeds.Add(new FuzzSeed("ponder-llama-q8_0-f16-nested", GgufBytes.Of(mixed)));

        var values = new GgufWriter();
        var m = values.Metadata;
        m.Set(GgufFile.AlignmentKey, GgufValue.UInt32(1));
        m.Set("u8", GgufValue.UInt8(7)); m.Set("i8", GgufValue.Int8(-7)); m.Set("u16", GgufValue.UInt16(700));
        m.Set("i16", GgufValue.Int16(-700)); m.Set("i32", GgufValue.Int32(-70000)); m.Set("f32", GgufValue.Float32(0.5f));
        m.Set("bool", GgufValue.Bool(true)); m.Set("str", GgufValue.String("日本 ▁x")); m.Set("u64", GgufValue.UInt64(1UL << 40));
        m.Set("i64", GgufValue.Int64(-1)); m.Set("f64", GgufValue.Float64(0.25));
        m.Set("arr.bool", GgufValue.Array(new GgufArray(GgufValueType.Bool, new[] { true, false })));
        m.Set("arr.u64", GgufValue.Array(new GgufArray(GgufValueType.UInt64, new ulong[] { 1, 2 })));
        values.AddTensor("a", [3], [1f, 2f, 3f]);
        values.AddTensor("b", [32], new float[32], GgmlType.Q8_0);
        seeds.Add(new FuzzSeed("ponder-every-type", GgufBytes.Of(values)));
        return seeds;
    }
}
