namespace Ponder.Gguf.Tests;

/// <summary>Builds a small llama-architecture GGUF with <see cref="GgufWriter"/>: the keys llama.cpp's converter
/// writes, a SentencePiece-style vocabulary and every tensor in ggml order (Shape[0] contiguous), filled with
/// deterministic values. Embedding and feed-forward sizes are multiples of 32 so the weights can be Q8_0.</summary>
public static class TinyLlama
{
    public sealed record Dims(int Vocab = 40, int Embedding = 32, int Blocks = 2, int FeedForward = 64,
        int Heads = 4, int HeadsKv = 2, int Context = 128);

    public static GgufWriter Writer(Dims? dims = null, GgmlType weights = GgmlType.F32, bool tiedOutput = false, int seed = 1)
    {
        var d = dims ?? new Dims();
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String("tiny-llama ✓"));
        m.Set("general.file_type", GgufValue.UInt32(weights switch { GgmlType.F16 => 1u, GgmlType.Q8_0 => 7u, _ => 0u }));
        m.Set("llama.context_length", GgufValue.UInt32((uint)d.Context));
        m.Set("llama.embedding_length", GgufValue.UInt32((uint)d.Embedding));
        m.Set("llama.block_count", GgufValue.UInt32((uint)d.Blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32((uint)d.FeedForward));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)(d.Embedding / d.Heads)));
        m.Set("llama.attention.head_count", GgufValue.UInt32((uint)d.Heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)d.HeadsKv));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.rope.freq_base", GgufValue.Float32(10000f));
        m.Set("tokenizer.ggml.model", GgufValue.String("llama"));
        var tokens = Enumerable.Range(0, d.Vocab).Select(i => i switch { 0 => "<unk>", 1 => "<s>", 2 => "</s>", _ => $"▁tok{i}" }).ToArray();
        m.Set("tokenizer.ggml.tokens", GgufValue.Array(GgufArray.Of(tokens)));
        m.Set("tokenizer.ggml.scores", GgufValue.Array(GgufArray.Of(Enumerable.Range(0, d.Vocab).Select(i => -(float)i).ToArray())));
        m.Set("tokenizer.ggml.token_type", GgufValue.Array(GgufArray.Of(Enumerable.Range(0, d.Vocab).Select(i => i < 3 ? 3 : 1).ToArray())));
        m.Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32(1));
        m.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(2));

        var random = new Random(seed);
        void Add(string name, GgmlType type, params long[] shape)
        {
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * 0.1f;
            w.AddTensor(name, shape, values, type);
        }
        var headDim = d.Embedding / d.Heads;
        var kv = d.HeadsKv * headDim;
        // Norms stay F32 whatever the weights are, as llama.cpp's quantiser leaves 1-D tensors.
        Add("token_embd.weight", weights, d.Embedding, d.Vocab);
        Add("output_norm.weight", GgmlType.F32, d.Embedding);
        if (!tiedOutput) Add("output.weight", weights, d.Embedding, d.Vocab);
        for (var i = 0; i < d.Blocks; i++)
        {
            Add($"blk.{i}.attn_norm.weight", GgmlType.F32, d.Embedding);
            Add($"blk.{i}.attn_q.weight", weights, d.Embedding, d.Embedding);
            Add($"blk.{i}.attn_k.weight", weights, d.Embedding, kv);
            Add($"blk.{i}.attn_v.weight", weights, d.Embedding, kv);
            Add($"blk.{i}.attn_output.weight", weights, d.Embedding, d.Embedding);
            Add($"blk.{i}.ffn_norm.weight", GgmlType.F32, d.Embedding);
            Add($"blk.{i}.ffn_gate.weight", weights, d.Embedding, d.FeedForward);
            Add($"blk.{i}.ffn_up.weight", weights, d.Embedding, d.FeedForward);
            Add($"blk.{i}.ffn_down.weight", weights, d.FeedForward, d.Embedding);
        }
        return w;
    }
}
