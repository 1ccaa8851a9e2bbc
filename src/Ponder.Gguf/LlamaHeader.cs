namespace Ponder.Gguf;

/// <summary>The hyperparameters of a llama-architecture GGUF, read from its standard keys, with every
/// required key and tensor checked (presence, type and shape) before anything uses the file.</summary>
public sealed record LlamaHeader(
    int VocabSize, int ContextLength, int EmbeddingLength, int BlockCount, int FeedForwardLength,
    int HeadCount, int HeadCountKv, int HeadDim, int RopeDimensionCount, float RopeFreqBase,
    float RmsNormEpsilon, bool TiedOutput)
{
    public const string Architecture = "llama";

    public static LlamaHeader Read(GgufFile file)
    {
        try { return Read(file.Metadata, file.TryGetTensor); }
        catch (GgufFormatException e) when (e.Path is null) { throw new GgufFormatException(e.Message, file.Path); }
    }

    public delegate bool TensorLookup(string name, out GgufTensorInfo tensor);

    public static LlamaHeader Read(GgufMetadata m, TensorLookup tensor)
    {
        var arch = m.GetString("general.architecture");
        if (arch != Architecture)
            throw new GgufFormatException($"key 'general.architecture' is \"{arch}\"; Ponder runs the \"{Architecture}\" architecture only.");
        int Positive(string key, long? fallback = null)
        {
            var v = fallback is { } f ? m.GetIntOrDefault(key, f) : m.GetInt(key);
            return v is >= 1 and <= int.MaxValue ? (int)v : throw new GgufFormatException($"key '{key}' is {v}; expected a positive 32-bit integer.");
        }

        var embedding = Positive("llama.embedding_length");
        var heads = Positive("llama.attention.head_count");
        var headsKv = Positive("llama.attention.head_count_kv", heads);
        if (embedding % heads != 0)
            throw new GgufFormatException($"key 'llama.embedding_length' ({embedding}) is not a multiple of 'llama.attention.head_count' ({heads}).");
        if (heads % headsKv != 0)
            throw new GgufFormatException($"key 'llama.attention.head_count' ({heads}) is not a multiple of 'llama.attention.head_count_kv' ({headsKv}).");
        var headDim = Positive("llama.attention.key_length", embedding / heads);
        var ropeDims = Positive("llama.rope.dimension_count", headDim);
        if (ropeDims > headDim || ropeDims % 2 != 0)
            throw new GgufFormatException($"key 'llama.rope.dimension_count' is {ropeDims}; expected an even number no larger than the head size {headDim}.");
        var eps = (float)m.GetFloat("llama.attention.layer_norm_rms_epsilon");
        if (!(eps > 0 && eps < 1))
            throw new GgufFormatException($"key 'llama.attention.layer_norm_rms_epsilon' is {eps}; expected a small positive number.");
        var freqBase = (float)m.GetFloatOrDefault("llama.rope.freq_base", 10000);
        if (!(freqBase > 0) || float.IsInfinity(freqBase))
            throw new GgufFormatException($"key 'llama.rope.freq_base' is {freqBase}; expected a positive number.");

        var vocabFallback = m.Contains("tokenizer.ggml.tokens") ? m.GetArray("tokenizer.ggml.tokens").Count : (long?)null;
        var vocab = Positive("llama.vocab_size", vocabFallback);
        var blocks = Positive("llama.block_count");
        var ff = Positive("llama.feed_forward_length");
        var header = new LlamaHeader(vocab, Positive("llama.context_length"), embedding, blocks, ff, heads, headsKv,
            headDim, ropeDims, freqBase, eps, TiedOutput: !tensor("output.weight", out _));

        void Expect(string name, params long[] shape)
        {
            if (!tensor(name, out var t)) throw new GgufFormatException($"missing required tensor '{name}'.");
            if (!t.Shape.SequenceEqual(shape))
                throw new GgufFormatException($"tensor '{name}' has shape {t.ShapeText}; the llama header says [{string.Join(", ", shape)}].");
        }
        // long: a huge 'llama.attention.key_length' must not wrap the expected shapes round to plausible ones.
        var q = (long)heads * headDim;
        var kv = (long)headsKv * headDim;
        Expect("token_embd.weight", embedding, vocab);
        Expect("output_norm.weight", embedding);
        if (!header.TiedOutput) Expect("output.weight", embedding, vocab);
        for (var i = 0; i < blocks; i++)
        {
            Expect($"blk.{i}.attn_norm.weight", embedding);
            Expect($"blk.{i}.attn_q.weight", embedding, q);
            Expect($"blk.{i}.attn_k.weight", embedding, kv);
            Expect($"blk.{i}.attn_v.weight", embedding, kv);
            Expect($"blk.{i}.attn_output.weight", q, embedding);
            Expect($"blk.{i}.ffn_norm.weight", embedding);
            Expect($"blk.{i}.ffn_gate.weight", embedding, ff);
            Expect($"blk.{i}.ffn_up.weight", embedding, ff);
            Expect($"blk.{i}.ffn_down.weight", ff, embedding);
        }
        return header;
    }
}
