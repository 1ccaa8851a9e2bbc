using Ponder.Gguf;

namespace Ponder.Model.Llama;

/// <summary>The hyperparameters of a llama-architecture decoder, in the GGUF's own terms.</summary>
public sealed record LlamaConfig(
    // Vocabulary and context
    int VocabSize, int ContextLength,
    // Width and depth
    int Dim, int Blocks, int FeedForward,
    // Attention
    int Heads, int KvHeads, int HeadDim, int RopeDims, float RopeBase = 10000f,
    // Normalisation and output
    float RmsEps = 1e-5f, bool TiedOutput = false)
{
    public static LlamaConfig FromHeader(LlamaHeader h) => new(
        h.VocabSize, h.ContextLength, h.EmbeddingLength, h.BlockCount, h.FeedForwardLength,
        h.HeadCount, h.HeadCountKv, h.HeadDim, h.RopeDimensionCount, h.RopeFreqBase, h.RmsNormEpsilon, h.TiedOutput);

    /// <summary>A Ponder model sized by one knob, nanochat-style: width = 32·depth, 32-wide heads (so depth heads:
    /// tiny models solve copy-and-carry tasks with several narrow heads better than with one or two wide ones),
    /// half as many KV heads as query heads (grouped-query attention) where the count is even,
    /// SwiGLU width 8/3·dim rounded up to 32. Every ggml row length (dim, heads·headDim, ff) is a multiple of
    /// 32 so every matrix can be stored as Q8_0. depth 4 ≈ 0.9M parameters, 8 ≈ 6M, 12 ≈ 20M (vocab 512).</summary>
    public static LlamaConfig FromDepth(int depth, int vocabSize, int contextLength = 1024)
    {
        if (depth < 2) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be at least 2 (width 64).");
        var dim = depth * 32;
        const int headDim = 32;
        var heads = dim / headDim;
        var kvHeads = heads % 2 == 0 ? heads / 2 : heads;
        var ff = (8 * dim / 3 + 31) / 32 * 32;
        return new(vocabSize, contextLength, dim, depth, ff, heads, kvHeads, headDim, headDim);
    }

    /// <summary>Parameters in the model (embeddings and output included once each).</summary>
    public long ParameterCount
    {
        get
        {
            long q = Heads * HeadDim, kv = KvHeads * HeadDim;
            var block = Dim * (q + 2 * kv) + q * Dim + 3L * Dim * FeedForward + 2 * Dim;
            return (long)VocabSize * Dim * (TiedOutput ? 1 : 2) + Blocks * block + Dim;
        }
    }
}
