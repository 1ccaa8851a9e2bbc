using Ponder.Gguf;
using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

public sealed partial class LlamaModel
{
    /// <summary>Loads any llama-architecture GGUF: the header is validated first, then every parameter is read by
    /// its own name (F16 and Q8_0 are dequantised to F32).</summary>
    public static LlamaModel Load(string path)
    {
        using var file = GgufFile.Open(path);
        return Load(file);
    }

    public static LlamaModel Load(GgufFile file)
    {
        var model = new LlamaModel(LlamaConfig.FromHeader(LlamaHeader.Read(file)));
        foreach (var (name, p) in model.named_parameters())
            HostTensors.CopyInto(p, file.ReadFloat32(name), p.shape);
        return model;
    }

    /// <summary>Writes a GGUF that llama.cpp runs unchanged: the standard llama keys, then
    /// <paramref name="extraKeys"/> (tokenizer.*, chat template, …; standard keys in it are ignored), then every
    /// tensor. Norms are always F32, as llama.cpp writes them; matrices are stored as <paramref name="storeAs"/>.</summary>
    public void Save(string path, GgufMetadata extraKeys, GgmlType storeAs = GgmlType.F32, string name = "ponder")
    {
        var c = Config;
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String(LlamaHeader.Architecture));
        m.Set("general.name", GgufValue.String(name));
        m.Set("llama.vocab_size", GgufValue.UInt32((uint)c.VocabSize));
        m.Set("llama.context_length", GgufValue.UInt32((uint)c.ContextLength));
        m.Set("llama.embedding_length", GgufValue.UInt32((uint)c.Dim));
        m.Set("llama.block_count", GgufValue.UInt32((uint)c.Blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32((uint)c.FeedForward));
        m.Set("llama.attention.head_count", GgufValue.UInt32((uint)c.Heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)c.KvHeads));
        if (c.HeadDim != c.Dim / c.Heads)
        {
            m.Set("llama.attention.key_length", GgufValue.UInt32((uint)c.HeadDim));
            m.Set("llama.attention.value_length", GgufValue.UInt32((uint)c.HeadDim));
        }
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(c.RmsEps));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)c.RopeDims));
        m.Set("llama.rope.freq_base", GgufValue.Float32(c.RopeBase));
        var standard = m.Keys.ToHashSet();
        foreach (var (key, value) in extraKeys)
            if (!standard.Contains(key) && !key.StartsWith("llama.", StringComparison.Ordinal)) m.Set(key, value);

        foreach (var (tensorName, p) in named_parameters())
        {
            var shape = p.shape.Reverse().ToArray(); // torch (out, in) is ggml [in, out]: same bytes
            w.AddTensor(tensorName, shape, HostTensors.Snapshot(p).Data, p.dim() == 1 ? GgmlType.F32 : storeAs);
        }
        w.Save(path);
    }

    /// <summary>A model with seeded random weights: matrices ~ N(0, 1/fan_in), embeddings ~ N(0, 1), norm weights
    /// ~ 1 + N(0, 0.1²), so activations and logits are of order one (parity tests see real differences).</summary>
    public static LlamaModel Random(LlamaConfig config, long seed)
    {
        var model = new LlamaModel(config);
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            using var scope = NewDisposeScope();
            var noise = randn(p.shape, generator: generator);
            p.copy_(p.dim() == 1 ? 1 + 0.1 * noise
                : name == "token_embd.weight" ? noise
                : noise / Math.Sqrt(p.shape[1]));
        }
        return model;
    }
}
