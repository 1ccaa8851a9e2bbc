using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Model.Tests;

/// <summary>Writes a tiny random-weight llama GGUF (1 block, width 32) around a vocabulary: small enough to write
/// in milliseconds, complete enough that llama.cpp loads it and <see cref="LlamaHeader"/> accepts it.</summary>
public static class TinyLlamaFile
{
    public const int Embedding = 32, Heads = 4, HeadsKv = 2, FeedForward = 64, Blocks = 1, Context = 256;

    /// <summary>A GGUF with Ponder's own vocabulary and chat template.</summary>
    public static void SavePonder(string path, int seed = 1) =>
        Save(path, PonderVocabulary.WriteTo, PonderVocabulary.Build().Count, seed);

    public static void Save(string path, Action<GgufMetadata> writeVocabulary, int vocabSize, int seed = 1)
    {
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String("ponder-tiny-random"));
        m.Set("llama.context_length", GgufValue.UInt32(Context));
        m.Set("llama.embedding_length", GgufValue.UInt32(Embedding));
        m.Set("llama.block_count", GgufValue.UInt32(Blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32(FeedForward));
        m.Set("llama.attention.head_count", GgufValue.UInt32(Heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32(HeadsKv));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32(Embedding / Heads));
        m.Set("llama.vocab_size", GgufValue.UInt32((uint)vocabSize));
        writeVocabulary(m);

        var random = new Random(seed);
        float[] Noise(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.02f).ToArray();
        float[] Ones(long n) => Enumerable.Repeat(1f, (int)n).ToArray();
        void Add(string name, float[] values, params long[] shape) => w.AddTensor(name, shape, values); // shape in ggml order

        const int kv = HeadsKv * (Embedding / Heads);
        Add("token_embd.weight", Noise(Embedding * vocabSize), Embedding, vocabSize);
        Add("output_norm.weight", Ones(Embedding), Embedding);
        Add("output.weight", Noise(Embedding * vocabSize), Embedding, vocabSize);
        for (var i = 0; i < Blocks; i++)
        {
            Add($"blk.{i}.attn_norm.weight", Ones(Embedding), Embedding);
            Add($"blk.{i}.attn_q.weight", Noise(Embedding * Embedding), Embedding, Embedding);
            Add($"blk.{i}.attn_k.weight", Noise(Embedding * kv), Embedding, kv);
            Add($"blk.{i}.attn_v.weight", Noise(Embedding * kv), Embedding, kv);
            Add($"blk.{i}.attn_output.weight", Noise(Embedding * Embedding), Embedding, Embedding);
            Add($"blk.{i}.ffn_norm.weight", Ones(Embedding), Embedding);
            Add($"blk.{i}.ffn_gate.weight", Noise(Embedding * FeedForward), Embedding, FeedForward);
            Add($"blk.{i}.ffn_up.weight", Noise(Embedding * FeedForward), Embedding, FeedForward);
            Add($"blk.{i}.ffn_down.weight", Noise(FeedForward * Embedding), FeedForward, Embedding);
        }
        w.Save(path);
    }
}
