using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>One pre-norm decoder block: h = x + attention(attn_norm(x)); h + ffn_down(silu(ffn_gate(n)) · ffn_up(n))
/// with n = ffn_norm(h). Field names are the GGUF tensor names under "blk.N.", so the block's state dict is the
/// GGUF tensor list (attention lives here, not in a submodule, to keep those names flat).</summary>
public sealed class LlamaBlock : nn.Module
{
    readonly LlamaConfig c;
    readonly Rope rope; // shared by every block of a model
    // Declared in llama.cpp's tensor order, which RegisterComponents keeps.
    public RmsNorm attn_norm;
    public Linear attn_q, attn_k, attn_v, attn_output;
    public RmsNorm ffn_norm;
    public Linear ffn_gate, ffn_up, ffn_down;

    /// <summary>True (the default): attention through libtorch's fused scaled_dot_product_attention. False: the
    /// explicit q·kᵀ/√d, masked softmax, ·v, kept as the reference the fused path is tested against.</summary>
    public bool FusedAttention { get; set; } = true;

    public LlamaBlock(LlamaConfig config, Rope rope) : base(nameof(LlamaBlock))
    {
        c = config;
        this.rope = rope;
        attn_norm = new RmsNorm(c.Dim, c.RmsEps);
        attn_q = nn.Linear(c.Dim, c.Heads * c.HeadDim, hasBias: false);
        attn_k = nn.Linear(c.Dim, c.KvHeads * c.HeadDim, hasBias: false);
        attn_v = nn.Linear(c.Dim, c.KvHeads * c.HeadDim, hasBias: false);
        attn_output = nn.Linear(c.Heads * c.HeadDim, c.Dim, hasBias: false);
        ffn_norm = new RmsNorm(c.Dim, c.RmsEps);
        ffn_gate = nn.Linear(c.Dim, c.FeedForward, hasBias: false);
        ffn_up = nn.Linear(c.Dim, c.FeedForward, hasBias: false);
        ffn_down = nn.Linear(c.FeedForward, c.Dim, hasBias: false);
        RegisterComponents();
    }

    /// <summary>x (B, T, D) → (B, T, D). positions (B, T); visible (B, 1, T, S) true where a query may read a key,
    /// S = start + T. With a cache, this layer's k/v are written at columns start.. and all S columns read back.</summary>
    public Tensor forward(Tensor x, Tensor positions, Tensor visible, KvCache? cache, int layer, int start)
    {
        using var scope = NewDisposeScope();
        var h = x.Plus(Attention(attn_norm.call(x), positions, visible, cache, layer, start));
        var n = ffn_norm.call(h);
        var ffn = ffn_down.call(nn.functional.silu(ffn_gate.call(n)) * ffn_up.call(n)); // (B, T, D)
        return h.Plus(ffn).MoveToOuterDisposeScope();
    }

    /// <summary>Grouped-query causal self-attention: query head h reads KV head h / (heads / kvHeads), as ggml's
    /// broadcasting matmul does.</summary>
    Tensor Attention(Tensor x, Tensor positions, Tensor visible, KvCache? cache, int layer, int start)
    {
        var (b, t) = (x.shape[0], x.shape[1]);
        var q = attn_q.call(x).view(b, t, c.Heads, c.HeadDim).transpose(1, 2);   // (B, H, T, hd)
        var k = attn_k.call(x).view(b, t, c.KvHeads, c.HeadDim).transpose(1, 2); // (B, KVH, T, hd)
        var v = attn_v.call(x).view(b, t, c.KvHeads, c.HeadDim).transpose(1, 2); // (B, KVH, T, hd)
        q = rope.Apply(q, positions);
        k = rope.Apply(k, positions);
        if (cache is not null) (k, v) = cache.Append(layer, start, k, v);             // (B, KVH, S, hd)

        var group = c.Heads / c.KvHeads;
        if (group > 1)
        {
            k = k.repeat_interleave(group, dim: 1); // (B, H, S, hd)
            v = v.repeat_interleave(group, dim: 1);
        }
        // visible is a boolean mask with SDPA's meaning (true = may attend); the default scale is 1/√hd.
        var y = FusedAttention
            ? nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: visible) // (B, H, T, hd)
            : ExplicitAttention(q, k, v, visible);
        y = y.transpose(1, 2).reshape(b, t, c.Heads * c.HeadDim);                  // (B, T, H·hd)
        return attn_output.call(y);                                             // (B, T, D)
    }

    /// <summary>q (B, H, T, hd), k and v (B, H, S, hd), visible (B, 1, T, S) → (B, H, T, hd).</summary>
    Tensor ExplicitAttention(Tensor q, Tensor k, Tensor v, Tensor visible)
    {
        using Scalar scale = 1.0 / Math.Sqrt(c.HeadDim), hidden = double.NegativeInfinity;
        var scores = q.matmul(k.transpose(-2, -1)) * scale; // (B, H, T, S)
        scores = scores.masked_fill(visible.logical_not(), hidden);
        return scores.softmax(-1).matmul(v);
    }
}
