using LLama;
using LLama.Common;
using LLama.Native;

namespace Ponder.Model.Tests.Llama;

/// <summary>llama.cpp (through LLamaSharp) as the reference: a context computing in F32 where it can (F32 KV cache,
/// no flash attention, fixed threads) that returns the logits of every prompt position.</summary>
public sealed class LlamaCpp : IDisposable
{
    static LlamaCpp() => QuietLlamaCpp.Install();

    readonly LLamaWeights weights;
    readonly LLamaContext context;

    public int VocabSize { get; }

    public LlamaCpp(string path, uint contextSize = 256)
    {
        var p = new ModelParams(path)
        {
            ContextSize = contextSize, BatchSize = contextSize, UBatchSize = contextSize, GpuLayerCount = 0,
            Threads = 2, BatchThreads = 2,
            TypeK = GGMLType.GGML_TYPE_F32, TypeV = GGMLType.GGML_TYPE_F32,
            FlashAttention = false,
        };
        weights = LLamaWeights.LoadFromFile(p);
        context = weights.CreateContext(p);
        VocabSize = weights.Vocab.Count;
    }

    public int[] Tokenize(string text, bool addBos = true) =>
        weights.Tokenize(text, addBos, special: false, System.Text.Encoding.UTF8).Select(t => (int)t).ToArray();

    /// <summary>Logits (T × V) for every position of <paramref name="tokens"/>, decoded from an empty cache.</summary>
    public float[][] Logits(int[] tokens)
    {
        context.NativeHandle.MemoryClear(true);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Length; i++) batch.Add(tokens[i], i, LLamaSeqId.Zero, true);
        var result = context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama_decode failed: {result}");
        return Enumerable.Range(0, tokens.Length).Select(i => context.NativeHandle.GetLogitsIth(i).ToArray()).ToArray();
    }

    /// <summary>Greedy continuation by llama.cpp: argmax of its logits, one decode per token with its own KV cache.</summary>
    public int[] Greedy(int[] prompt, int count)
    {
        context.NativeHandle.MemoryClear(true);
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Length; i++) batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        var generated = new List<int>();
        for (var pos = prompt.Length; generated.Count < count; pos++)
        {
            var result = context.NativeHandle.Decode(batch);
            if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama_decode failed: {result}");
            var logits = context.NativeHandle.GetLogitsIth(batch.TokenCount - 1);
            var next = 0;
            for (var v = 1; v < logits.Length; v++) if (logits[v] > logits[next]) next = v;
            generated.Add(next);
            batch.Clear();
            batch.Add(next, pos, LLamaSeqId.Zero, true);
        }
        return generated.ToArray();
    }

    public void Dispose()
    {
        context.Dispose();
        weights.Dispose();
    }
}
