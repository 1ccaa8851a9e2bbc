using Ponder.Engine;
using Ponder.Engine.Tests;
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

    static string Write(string name, LlamaVocabulary vocabulary, Action<GgufMetadata> tokenizerKeys, int seed = 7)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-reasoning-{name}-{Environment.ProcessId}.gguf");
        RandomLlama.Build(seed, vocabulary.Count, tokenizerKeys, $"ponder-reasoning-test-{name}").Save(path);
        return path;
    }
}
