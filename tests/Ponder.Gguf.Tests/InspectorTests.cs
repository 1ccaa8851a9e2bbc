namespace Ponder.Gguf.Tests;

public class InspectorTests
{
    static string Line(string text, string startsWith) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.TrimStart().StartsWith(startsWith + " ", StringComparison.Ordinal));

    [Fact]
    public void Describes_stories260K_tensors_hyperparameters_and_summarises_the_vocabulary()
    {
        using var file = GgufFile.Open(SharedFixtures.Stories260K);
        var text = GgufInspector.Describe(file);

        Assert.Contains("48 tensors (48 F32)", text);
        Assert.Matches(@"llama\.block_count\s+UInt32\s+5$", Line(text, "llama.block_count"));
        Assert.Matches(@"llama\.embedding_length\s+UInt32\s+64$", Line(text, "llama.embedding_length"));
        Assert.Matches(@"llama\.attention\.head_count\s+UInt32\s+8$", Line(text, "llama.attention.head_count"));
        Assert.Matches(@"llama\.attention\.head_count_kv\s+UInt32\s+4$", Line(text, "llama.attention.head_count_kv"));
        var tokens = Line(text, "tokenizer.ggml.tokens");
        Assert.Contains("String[512]", tokens);
        Assert.EndsWith(", … 504 more]", tokens);
        Assert.Contains("\"<unk>\", \"<s>\", \"</s>\"", tokens);
        Assert.Contains("alignment 32", text);
    }

    [Fact]
    public void Describes_a_Ponder_written_llama_file_the_same_way()
    {
        var bytes = GgufBytes.Of(TinyLlama.Writer(weights: GgmlType.Q8_0));
        using var parsed = InMemoryGguf.Parse(bytes);
        var text = GgufInspector.Describe(parsed.File);

        Assert.Contains("GGUF v3, " + bytes.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", text);
        Assert.Contains("21 tensors (16 Q8_0, 5 F32)", text);
        Assert.Matches(@"llama\.block_count\s+UInt32\s+2$", Line(text, "llama.block_count"));
        Assert.Matches(@"llama\.attention\.head_count_kv\s+UInt32\s+2$", Line(text, "llama.attention.head_count_kv"));
        Assert.Matches(@"general\.name\s+String\s+""tiny-llama ✓""$", Line(text, "general.name"));
        var tokens = Line(text, "tokenizer.ggml.tokens");
        Assert.Contains("String[40]", tokens);
        Assert.EndsWith(", … 32 more]", tokens);
        Assert.Matches(@"token_embd\.weight\s+Q8_0\s+\[32, 40\]", Line(text, "token_embd.weight"));
    }

    [Fact]
    public void Nested_arrays_and_control_characters_are_summarised_on_one_line()
    {
        var w = new GgufWriter();
        w.Metadata.Set("nested", GgufValue.Array(new GgufArray(GgufValueType.Array, new[] { GgufArray.Of("a", "b"), GgufArray.Of(1) })));
        w.Metadata.Set("text", GgufValue.String("line1\nline2\u0001"));
        using var parsed = InMemoryGguf.Parse(GgufBytes.Of(w));
        var text = GgufInspector.Describe(parsed.File);
        Assert.EndsWith("[String[2], Int32[1]]", Line(text, "nested"));
        Assert.EndsWith("\"line1\\nline2\\u0001\"", Line(text, "text"));
    }

    [Fact]
    public void Output_stays_linear_in_the_file_size_when_one_name_is_very_long()
    {
        // 2,000 tensors and one 100,000-character name: padding every row to the longest name would print 200 million characters.
        var w = new GgufWriter();
        w.Metadata.Set(new string('k', 100_000), GgufValue.UInt8(1));
        w.AddTensor(new string('n', 100_000), [1], [0f]);
        for (var i = 0; i < 2000; i++)
        {
            w.Metadata.Set($"k{i}", GgufValue.UInt8(1));
            w.AddTensor($"t{i}", [1], [0f]);
        }
        var bytes = GgufBytes.Of(w);
        using var parsed = InMemoryGguf.Parse(bytes);
        Assert.InRange(GgufInspector.Describe(parsed.File).Length, 0, 2 * bytes.Length);
    }
}
