namespace Ponder.Gguf.Tests;

public class LlamaHeaderTests
{
    static LlamaHeader ReadHeader(GgufWriter writer)
    {
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(writer));
        return LlamaHeader.Read(parsed.File);
    }

    /// <summary>The rejection message, less the "&lt;memory&gt;: " prefix that names the (in-memory) file.</summary>
    static string Rejects(GgufWriter writer)
    {
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(writer));
        var message = Assert.Throws<GgufFormatException>(() => LlamaHeader.Read(parsed.File)).Message;
        Assert.StartsWith("<memory>: ", message);
        return message["<memory>: ".Length..];
    }

    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q8_0)]
    public void Ponder_written_llama_file_passes_the_llama_header_checks(GgmlType weights)
    {
        var h = ReadHeader(TinyLlama.Writer(weights: weights));
        Assert.Equal(new LlamaHeader(VocabSize: 40, ContextLength: 128, EmbeddingLength: 32, BlockCount: 2, FeedForwardLength: 64,
            HeadCount: 4, HeadCountKv: 2, HeadDim: 8, RopeDimensionCount: 8, RopeFreqBase: 10000f, RmsNormEpsilon: 1e-5f, TiedOutput: false), h);
    }

    [Fact]
    public void Ponder_written_llama_file_round_trips_byte_identical_through_a_real_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-llama-{Guid.NewGuid():N}.gguf");
        try
        {
            TinyLlama.Writer(weights: GgmlType.Q8_0).Save(path);
            using var file = GgufFile.Open(path);
            Assert.Equal(File.ReadAllBytes(path), GgufBytes.Rewrite(file));
            Assert.Equal(2 * 9 + 3, file.Tensors.Count);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Missing_output_weight_means_tied_embeddings()
    {
        Assert.True(ReadHeader(TinyLlama.Writer(tiedOutput: true)).TiedOutput);
    }

    [Theory]
    [InlineData("general.architecture")]
    [InlineData("llama.embedding_length")]
    [InlineData("llama.attention.head_count")]
    [InlineData("llama.attention.layer_norm_rms_epsilon")]
    [InlineData("llama.block_count")]
    [InlineData("llama.feed_forward_length")]
    [InlineData("llama.context_length")]
    public void Missing_required_llama_key_is_rejected_naming_the_key(string key)
    {
        var w = TinyLlama.Writer();
        w.Metadata.Remove(key);
        Assert.Equal($"missing required key '{key}'.", Rejects(w));
    }

    [Fact]
    public void Vocab_size_falls_back_to_the_token_list_and_is_required_without_it()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Remove("tokenizer.ggml.tokens");
        Assert.Equal("missing required key 'llama.vocab_size'.", Rejects(w));
    }

    [Fact]
    public void Other_architecture_is_rejected_naming_what_Ponder_runs()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Set("general.architecture", GgufValue.String("gpt2"));
        Assert.Equal("key 'general.architecture' is \"gpt2\"; Ponder runs the \"llama\" architecture only.", Rejects(w));
    }

    [Fact]
    public void Key_of_the_wrong_type_is_rejected_naming_the_expected_type()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Set("llama.block_count", GgufValue.String("two"));
        Assert.Equal("key 'llama.block_count' should be an integer, but it is a String.", Rejects(w));
    }

    [Fact]
    public void Heads_that_do_not_divide_the_embedding_are_rejected()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Set("llama.attention.head_count", GgufValue.UInt32(5));
        Assert.Contains("'llama.embedding_length' (32) is not a multiple of 'llama.attention.head_count' (5)", Rejects(w));
    }

    [Fact]
    public void Wrong_tensor_shape_is_rejected_naming_the_tensor_and_expected_shape()
    {
        // Every tensor of the right name, but blk.1.ffn_down stored untransposed: [ff, embd] became [embd, ff].
        var good = TinyLlama.Writer();
        var bad = new GgufWriter();
        foreach (var (k, v) in good.Metadata) bad.Metadata.Set(k, v);
        foreach (var t in good.Tensors)
        {
            var shape = t.Name == "blk.1.ffn_down.weight" ? [t.Shape[1], t.Shape[0]] : t.Shape;
            bad.AddTensor(t.Name, t.Type, shape, new byte[t.ByteSize]);
        }
        Assert.Equal("tensor 'blk.1.ffn_down.weight' has shape [32, 64]; the llama header says [64, 32].", Rejects(bad));
    }

    [Fact]
    public void Huge_head_size_gives_the_true_expected_shape_rather_than_an_overflowed_one()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Set("llama.attention.key_length", GgufValue.UInt32(1u << 30));
        w.Metadata.Set("llama.rope.dimension_count", GgufValue.UInt32(8));
        // 4 heads × 2^30 wraps to 0 in 32-bit arithmetic.
        Assert.Equal("tensor 'blk.0.attn_q.weight' has shape [32, 32]; the llama header says [32, 4294967296].", Rejects(w));
    }

    [Fact]
    public void Missing_block_tensor_is_rejected_naming_it()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Set("llama.block_count", GgufValue.UInt32(3));
        Assert.Equal("missing required tensor 'blk.2.attn_norm.weight'.", Rejects(w));
    }

    [Fact]
    public void Errors_from_a_real_file_carry_its_path()
    {
        var w = TinyLlama.Writer();
        w.Metadata.Remove("llama.block_count");
        var path = Path.Combine(Path.GetTempPath(), $"ponder-llama-{Guid.NewGuid():N}.gguf");
        try
        {
            w.Save(path);
            using var file = GgufFile.Open(path);
            Assert.Equal($"{path}: missing required key 'llama.block_count'.", Assert.Throws<GgufFormatException>(() => LlamaHeader.Read(file)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Stories260K_made_by_llama_cpp_passes_the_llama_header_checks()
    {
        using var file = GgufFile.Open(SharedFixtures.Stories260K);
        var h = LlamaHeader.Read(file);
        Assert.Equal((512, 64, 5, 8, 4), (h.VocabSize, h.EmbeddingLength, h.BlockCount, h.HeadCount, h.HeadCountKv));
    }
}
