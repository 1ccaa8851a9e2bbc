using Ponder.Gguf;

namespace Ponder.Engine.Tests;

/// <summary>Writes a random-weight llama GGUF with Ponder's writer: 2 blocks, dim 64, 4 heads / 2 KV heads, F32,
/// and a small SentencePiece ("llama") vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, 256 byte tokens, then printable characters.</summary>
public static class RandomLlama
{
    public const int Dim = 64, Blocks = 2, Heads = 4, KvHeads = 2, FeedForward = 128, Context = 512;
    const string Characters = "▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-";

    public static string[] Vocabulary { get; } =
        ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), .. Characters.Select(c => c.ToString())];

    /// <summary>Writes the model to a temporary file (once per seed per process) and returns its path.</summary>
    public static string Path(int seed = 1) => paths.GetOrAdd(seed, Write);

    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> paths = new();

    public static GgufWriter Build(int seed)
    {
        var w = new GgufWriter();
        var m = w.Metadata;
        var vocab = Vocabulary.Length;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String("ponder-random-test"));
        m.Set("llama.context_length", GgufValue.UInt32(Context));
        m.Set("llama.embedding_length", GgufValue.UInt32(Dim));
        m.Set("llama.block_count", GgufValue.UInt32(Blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32(FeedForward));
        m.Set("llama.attention.head_count", GgufValue.UInt32(Heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32(KvHeads));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32(Dim / Heads));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.vocab_size", GgufValue.UInt32((uint)vocab));
        m.Set("tokenizer.ggml.model", GgufValue.String("llama"));
        m.Set("tokenizer.ggml.tokens", GgufValue.Array(GgufArray.Of(Vocabulary)));
        m.Set("tokenizer.ggml.scores", GgufValue.Array(GgufArray.Of(Vocabulary.Select((_, i) => i < 259 ? 0f : -(i - 259) * 0.01f).ToArray())));
        m.Set("tokenizer.ggml.token_type", GgufValue.Array(GgufArray.Of(Vocabulary.Select((_, i) => i switch
        {
            0 => 2, 1 or 2 => 3, < 259 => 6, _ => 1,
        }).ToArray())));
        m.Set("tokenizer.ggml.unknown_token_id", GgufValue.UInt32(0));
        m.Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32(1));
        m.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(2));

        var rng = new Random(seed);
        float[] Random(long n, float scale) => Enumerable.Range(0, (int)n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
        float[] Ones(long n) => Enumerable.Repeat(1f, (int)n).ToArray();
        const int headDim = Dim / Heads, kv = KvHeads * headDim;
        w.AddTensor("token_embd.weight", [Dim, vocab], Random(Dim * vocab, 1f));
        for (var i = 0; i < Blocks; i++)
        {
            w.AddTensor($"blk.{i}.attn_norm.weight", [Dim], Ones(Dim));
            w.AddTensor($"blk.{i}.attn_q.weight", [Dim, Dim], Random(Dim * Dim, 0.3f));
            w.AddTensor($"blk.{i}.attn_k.weight", [Dim, kv], Random(Dim * kv, 0.3f));
            w.AddTensor($"blk.{i}.attn_v.weight", [Dim, kv], Random(Dim * kv, 0.3f));
            w.AddTensor($"blk.{i}.attn_output.weight", [Dim, Dim], Random(Dim * Dim, 0.2f));
            w.AddTensor($"blk.{i}.ffn_norm.weight", [Dim], Ones(Dim));
            w.AddTensor($"blk.{i}.ffn_gate.weight", [Dim, FeedForward], Random(Dim * FeedForward, 0.2f));
            w.AddTensor($"blk.{i}.ffn_up.weight", [Dim, FeedForward], Random(Dim * FeedForward, 0.2f));
            w.AddTensor($"blk.{i}.ffn_down.weight", [FeedForward, Dim], Random(FeedForward * Dim, 0.2f));
        }
        w.AddTensor("output_norm.weight", [Dim], Ones(Dim));
        w.AddTensor("output.weight", [Dim, vocab], Random(Dim * vocab, 1f));
        return w;
    }

    static string Write(int seed)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ponder-random-llama-{Environment.ProcessId}-{seed}.gguf");
        Build(seed).Save(path);
        return path;
    }
}
