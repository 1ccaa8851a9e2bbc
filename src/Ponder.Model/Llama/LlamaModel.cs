using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>The llama-architecture decoder, computing what llama.cpp computes for the same GGUF. Fields are named
/// after the GGUF tensors (token_embd, blk.N.*, output_norm, output), so <c>named_parameters()</c> is the GGUF
/// tensor list: loading and saving need no mapping table. Without output.weight the output reuses token_embd.</summary>
public sealed partial class LlamaModel : nn.Module
{
    public LlamaConfig Config { get; }
    public Embedding token_embd;
    public ModuleList<LlamaBlock> blk;
    public RmsNorm output_norm;
    public Linear? output;
    readonly Rope rope; // cos/sin tables up to the context length, shared by the blocks

    /// <summary>Attention through libtorch's fused kernel (default) or the explicit reference path; see
    /// <see cref="LlamaBlock.FusedAttention"/>.</summary>
    public bool FusedAttention
    {
        get => blk.All(b => b.FusedAttention);
        set { foreach (var b in blk) b.FusedAttention = value; }
    }

    public LlamaModel(LlamaConfig config) : base(nameof(LlamaModel))
    {
        Config = config;
        rope = new Rope(config.RopeDims, config.RopeBase, config.ContextLength);
        token_embd = nn.Embedding(config.VocabSize, config.Dim);
        blk = nn.ModuleList(Enumerable.Range(0, config.Blocks).Select(_ => new LlamaBlock(config, rope)).ToArray());
        output_norm = new RmsNorm(config.Dim, config.RmsEps);
        output = config.TiedOutput ? null : nn.Linear(config.Dim, config.VocabSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Logits (B, T, V) for tokens (B, T) at columns start .. start+T-1.
    /// <para>With a <paramref name="cache"/>, keys and values are written at those columns and every earlier column
    /// is attended to, so <paramref name="start"/> must equal <c>cache.Length</c>. <paramref name="leftPadding"/>
    /// gives, per sequence, how many leading columns are padding: those are never attended to, and positions count
    /// from the first real token, so a padded sequence computes exactly what it would alone.</para></summary>
    public Tensor Forward(Tensor tokens, int start = 0, KvCache? cache = null, IReadOnlyList<int>? leftPadding = null)
    {
        using var scope = NewDisposeScope();
        var (b, t) = ((int)tokens.shape[0], (int)tokens.shape[1]);
        if (cache is not null && cache.Length != start)
            throw new ArgumentException($"the cache holds {cache.Length} positions; continue at start = {cache.Length}, not {start}.", nameof(start));
        if (leftPadding is not null && leftPadding.Count != b)
            throw new ArgumentException($"leftPadding has {leftPadding.Count} entries for a batch of {b}.", nameof(leftPadding));
        if (start + t > Config.ContextLength)
            throw new ArgumentException($"columns up to {start + t} exceed the model's context of {Config.ContextLength}.", nameof(tokens));

        // Scalars are made and disposed here rather than implicitly (an implicit one is freed by the finalizer thread, which can race the native call using it)
        using Scalar first = start, end = start + t, keyFirst = cache is null ? start : 0, zero = 0L;
        var pad = tensor(leftPadding?.Select(p => (long)p).ToArray() ?? new long[b]).view(b, 1); // (B, 1)
        var queryCols = arange(first, end, dtype: ScalarType.Int64).view(1, t);                  // (1, T)
        var positions = (queryCols - pad).clamp_min(zero);                                       // (B, T)
        var keyCols = arange(keyFirst, end, dtype: ScalarType.Int64).view(1, 1, -1);             // (1, 1, S)
        var q = queryCols.view(1, t, 1);                                                          // (1, T, 1)
        var visible = (keyCols <= q).logical_and((keyCols >= pad.view(b, 1, 1)).logical_or(keyCols == q))
            .unsqueeze(1);                                                                        // (B, 1, T, S)

        var x = token_embd.call(tokens); // (B, T, D)
        for (var i = 0; i < blk.Count; i++) x = blk[i].forward(x, positions, visible, cache, i, start);
        x = output_norm.call(x);
        var logits = output is null ? x.matmul(token_embd.weight!.t()) : output.call(x); // (B, T, V)
        if (cache is not null) cache.Length = start + t;
        return logits.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) rope.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>A cache for <paramref name="batch"/> sequences of up to <paramref name="capacity"/> columns.</summary>
    public KvCache NewCache(int batch, int capacity) => new(Config, batch, capacity);
}
