using Ponder.Gguf;

namespace Ponder.Engine.Tests;

/// <summary>Writes a random-weight llama GGUF with Ponder's writer: by default 2 blocks, dim 64, 4 heads / 2 KV heads, F32,
/// and a small SentencePiece ("llama") vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, 256 byte tokens, then printable characters.
/// The benchmarks link this file too, to write larger models (dim 256 and 8 blocks is about 5M parameters).</summary>
public static class RandomLlama
{
    public const int Context = 4096;
    const string Characters = "▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-";

    public static string[] Vocabulary { get; } =
        ["<unk>", "<s>", "</s>", .. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"), .. Characters.Select(c => c.ToString())];

    /// <summary>Writes the model to a temporary file (once per seed per process) and returns its path.</summary>
    public static string Path(int seed = 1, int dim = 64, int blocks = 2) => paths.GetOrAdd((seed, dim, blocks), Write);

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int, int), string> paths = new();

    public static GgufWriter Build(int seed, int dim = 64, int blocks = 2) =>
        Build(seed, Vocabulary.Length, WriteVocabulary, "ponder-random-test", dim, blocks);

    /// <summary>The same random weights around any vocabulary: <paramref name="tokenizerKeys"/> writes its tokenizer.*
    /// keys. Other test projects (reasoning, server) link this file and call this overload with their vocabularies.</summary>
    public static GgufWriter Build(int seed, int vocab, Action<GgufMetadata> tokenizerKeys, string name, int dim = 64, int blocks = 2)
    {
        int heads = dim / 16, kvHeads = dim / 32, ff = dim * 2;
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String(name));
        m.Set("llama.context_length", GgufValue.UInt32(Context));
        m.Set("llama.embedding_length", GgufValue.UInt32((uint)dim));
        m.Set("llama.block_count", GgufValue.UInt32((uint)blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32((uint)ff));
        m.Set("llama.attention.head_count", GgufValue.UInt32((uint)heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)kvHeads));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)(dim / heads)));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.vocab_size", GgufValue.UInt32((uint)vocab));
        tokenizerKeys(m);

        var rng = new Random(seed);
        float[] Random(long n, float scale) => Enumerable.Range(0, (int)n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale * 8 / MathF.Sqrt(dim)).ToArray();
        float[] Ones(long n) => Enumerable.Repeat(1f, (int)n).ToArray();
        int headDim = dim / heads, kv = kvHeads * headDim;
        w.AddTensor("token_embd.weight", [dim, vocab], Random(dim * vocab, 1f));
        for (var i = 0; i < blocks; i++)
        {
            w.AddTensor($"blk.{i}.attn_norm.weight", [dim], Ones(dim));
            w.AddTensor($"blk.{i}.attn_q.weight", [dim, dim], Random(dim * dim, 0.3f));
            w.AddTensor($"blk.{i}.attn_k.weight", [dim, kv], Random(dim * kv, 0.3f));
            w.AddTensor($"blk.{i}.attn_v.weight", [dim, kv], Random(dim * kv, 0.3f));
            w.AddTensor($"blk.{i}.attn_output.weight", [dim, dim], Random(dim * dim, 0.2f));
            w.AddTensor($"blk.{i}.ffn_norm.weight", [dim], Ones(dim));
            w.AddTensor($"blk.{i}.ffn_gate.weight", [dim, ff], Random(dim * ff, 0.2f));
            w.AddTensor($"blk.{i}.ffn_up.weight", [dim, ff], Random(dim * ff, 0.2f));
            w.AddTensor($"blk.{i}.ffn_down.weight", [ff, dim], Random(ff * dim, 0.2f));
        }
        w.AddTensor("output_norm.weight", [dim], Ones(dim));
        w.AddTensor("output.weight", [dim, vocab], Random(dim * vocab, 1f));
        return w;
    }

    static void WriteVocabulary(GgufMetadata m)
    {
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
    }

    static string Write((int Seed, int Dim, int Blocks) k)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ponder-random-llama-{Environment.ProcessId}-{k.Seed}-{k.Dim}x{k.Blocks}.gguf");
        Build(k.Seed, k.Dim, k.Blocks).Save(path);
        return path;
    }
}
