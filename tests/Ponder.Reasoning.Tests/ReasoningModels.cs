using Ponder.Engine;
using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Reasoning.Tests;

/// <summary>Random-weight llama GGUFs written with Ponder's writer, in two vocabularies: Ponder's own (PonderVocabulary,
/// with its chat template) and a Qwen3-style one whose control tokens are ChatML's &lt;|im_start|&gt;, &lt;|im_end|&gt; and
/// &lt;think&gt;, &lt;/think&gt;, with a ChatML chat template. Tiny (dim 64, 2 blocks) so every test starts an engine in
/// milliseconds. Random models never mean to close a thought, which is what budget tests want.</summary>
public static class ReasoningModels
{
    public const string QwenTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    public static string Ponder => paths.GetOrAdd("ponder", _ => Write("ponder", PonderVocabulary.Build(), PonderVocabulary.WriteTo));

    public static string Qwen => paths.GetOrAdd("qwen", _ =>
    {
        var vocabulary = QwenVocabulary();
        return Write("qwen", vocabulary, m =>
        {
            vocabulary.WriteTo(m);
            m.Set("tokenizer.ggml.eot_token_id", GgufValue.UInt32((uint)vocabulary.Id("<|im_end|>")));
            m.Set("tokenizer.chat_template", GgufValue.String(QwenTemplate));
        });
    });

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> paths = new();

    public static LlamaVocabulary QwenVocabulary()
    {
        string[] specials = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>", "<think>", "</think>", "<|endoftext|>"];
        var chars = "▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-:;=+*/()";
        var tokens = specials.Concat(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>")).Concat(chars.Select(c => c.ToString())).ToList();
        var types = tokens.Select((_, i) => i == 0 ? LlamaTokenType.Unknown : i < specials.Length ? LlamaTokenType.Control
            : i < specials.Length + 256 ? LlamaTokenType.Byte : LlamaTokenType.Normal).ToList();
        var scores = tokens.Select((_, i) => i < specials.Length + 256 ? 0f : -(i - specials.Length - 256) * 0.01f).ToList();
        return new LlamaVocabulary(tokens, scores, types, addSpacePrefix: false);
    }

    public static InferenceLoop Start(string path, int contextSize = 2048, int maxSequences = 16) =>
        InferenceLoop.Start(new EngineOptions(path, ContextSize: contextSize, MaxSequences: maxSequences, BatchSize: 256,
            Threads: 2, PrefillChunk: 64));

    static string Write(string name, LlamaVocabulary vocabulary, Action<GgufMetadata> tokenizerKeys, int seed = 7, int dim = 64, int blocks = 2)
    {
        int heads = dim / 16, kvHeads = dim / 32, ff = dim * 2, vocab = vocabulary.Count;
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String($"ponder-reasoning-test-{name}"));
        m.Set("llama.context_length", GgufValue.UInt32(4096));
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
        var path = Path.Combine(Path.GetTempPath(), $"ponder-reasoning-{name}-{Environment.ProcessId}.gguf");
        w.Save(path);
        return path;
    }
}
