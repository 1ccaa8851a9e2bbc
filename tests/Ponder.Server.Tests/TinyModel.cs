using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Server.Tests;

/// <summary>A random-weight llama GGUF with Ponder's vocabulary and chat template (so the "ponder" profile, with its
/// &lt;think&gt; control tokens, is chosen), written once per process with Ponder's writer: dim 64, 2 blocks. A random
/// model never closes its thought, so every Thinking request runs to its budget: test budgets are small.</summary>
public static class TinyModel
{
    public const string Id = "ponder-tiny";

    public static string Path => path.Value;

    static readonly Lazy<string> path = new(() => Write(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ponder-server-tests-{Environment.ProcessId}")));

    /// <summary>Writes the model as DIR/ponder-tiny.gguf (the server serves it under its file name) and returns the path.</summary>
    public static string Write(string directory, int seed = 7, int dim = 64, int blocks = 2)
    {
        Directory.CreateDirectory(directory);
        var vocabulary = PonderVocabulary.Build();
        int heads = dim / 16, kvHeads = dim / 32, ff = dim * 2, vocab = vocabulary.Count;
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String(Id));
        m.Set("llama.context_length", GgufValue.UInt32(4096));
        m.Set("llama.embedding_length", GgufValue.UInt32((uint)dim));
        m.Set("llama.block_count", GgufValue.UInt32((uint)blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32((uint)ff));
        m.Set("llama.attention.head_count", GgufValue.UInt32((uint)heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)kvHeads));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)(dim / heads)));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.vocab_size", GgufValue.UInt32((uint)vocab));
        PonderVocabulary.WriteTo(m);

        var rng = new Random(seed);
        float[] Random(long n, float scale) => Enumerable.Range(0, (int)n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale * 8 / MathF.Sqrt(dim)).ToArray();
        float[] Ones(long n) => Enumerable.Repeat(1f, (int)n).ToArray();
        var kv = kvHeads * (dim / heads);
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
        var file = System.IO.Path.Combine(directory, Id + ".gguf");
        w.Save(file);
        return file;
    }
}
