using System.Text;
using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Model.Tests.Tokenizer;

/// <summary>Ponder's tokenizer against llama.cpp's on three vocabularies: stories260K (512 pieces), Llama-2 (32,000)
/// and Ponder's own (written into a tiny random llama GGUF that llama.cpp loads).</summary>
public sealed class TokenizerParityTests
{
    public static TheoryData<string> Vocabularies => ["stories260K", "llama-2", "ponder"];

    static readonly Dictionary<string, (SentencePieceTokenizer Ponder, LlamaCppTokenizer LlamaCpp)> Loaded = [];
    static readonly Lock LoadLock = new();

    static (SentencePieceTokenizer Ponder, LlamaCppTokenizer LlamaCpp) Load(string vocabulary)
    {
        var path = vocabulary switch
        {
            "stories260K" => SharedFixtures.Stories260K,
            "llama-2" => SharedFixtures.Llama2TinyRandom,
            _ => PonderGguf.Value,
        };
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(vocabulary, out var pair)) return pair;
            using var file = GgufFile.Open(path);
            pair = (new SentencePieceTokenizer(LlamaVocabulary.FromMetadata(file.Metadata)), new LlamaCppTokenizer(path));
            return Loaded[vocabulary] = pair;
        }
    }

    static readonly Lazy<string> PonderGguf = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-tiny-{Environment.ProcessId}.gguf");
        TinyLlamaFile.SavePonder(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    static string Show(string s) => s.Replace("\n", "\\n").Replace("\t", "\\t");

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Encodes_every_corpus_string_to_the_same_ids_as_llama_cpp(string vocabulary)
    {
        var (ponder, llamaCpp) = Load(vocabulary);
        var mismatches = new List<string>();
        foreach (var text in TokenizerCorpus.Strings)
        foreach (var addSpecial in new[] { true, false })
        foreach (var parseSpecial in new[] { true, false })
        {
            var expected = llamaCpp.Encode(text, addSpecial, parseSpecial);
            var actual = ponder.Encode(text, addSpecial, parseSpecial);
            if (!expected.SequenceEqual(actual))
                mismatches.Add($"'{Show(text)}' add={addSpecial} parse={parseSpecial}: llama.cpp [{string.Join(",", expected)}] ponder [{string.Join(",", actual)}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Encodes_random_mixes_of_hazards_to_the_same_ids_as_llama_cpp(string vocabulary)
    {
        var (ponder, llamaCpp) = Load(vocabulary);
        var mismatches = new List<string>();
        foreach (var text in TokenizerCorpus.Random(300))
        foreach (var (addSpecial, parseSpecial) in new[] { (true, true), (false, false) })
        {
            var expected = llamaCpp.Encode(text, addSpecial, parseSpecial);
            var actual = ponder.Encode(text, addSpecial, parseSpecial);
            if (!expected.SequenceEqual(actual))
                mismatches.Add($"'{Show(text)}' add={addSpecial} parse={parseSpecial}: llama.cpp [{string.Join(",", expected)}] ponder [{string.Join(",", actual)}]");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Gives_every_token_the_same_piece_as_llama_cpp(string vocabulary)
    {
        var (ponder, llamaCpp) = Load(vocabulary);
        Assert.Equal(llamaCpp.Count, ponder.Vocabulary.Count);
        for (var id = 0; id < ponder.Vocabulary.Count; id++)
        foreach (var renderSpecial in new[] { true, false })
            Assert.True(llamaCpp.Piece(id, renderSpecial).AsSpan().SequenceEqual(ponder.Piece(id, renderSpecial)),
                $"token {id} '{ponder.Vocabulary.Tokens[id]}' (render={renderSpecial}) decodes differently");
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Decodes_to_the_same_bytes_as_llama_cpp_detokenize(string vocabulary)
    {
        var (ponder, llamaCpp) = Load(vocabulary);
        var mismatches = new List<string>();
        foreach (var text in TokenizerCorpus.Strings)
        foreach (var ids in new[] { llamaCpp.Encode(text, true, true), llamaCpp.Encode(text, false, false) })
        foreach (var removeSpecial in new[] { true, false })
        foreach (var renderSpecial in new[] { true, false })
        {
            var expected = Encoding.UTF8.GetString(llamaCpp.Decode(ids, removeSpecial, renderSpecial));
            var actual = ponder.Decode(ids, removeSpecial, renderSpecial);
            if (expected != actual)
                mismatches.Add($"'{Show(text)}' remove={removeSpecial} render={renderSpecial}: llama.cpp '{Show(expected)}' ponder '{Show(actual)}'");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Decoding_gives_the_text_back(string vocabulary)
    {
        var (ponder, _) = Load(vocabulary);
        foreach (var text in TokenizerCorpus.RoundTrippable)
        {
            var expected = text.Replace("\uD800", "\uFFFD"); // a lone surrogate has no UTF-8 form
            Assert.Equal(expected, ponder.Decode(ponder.Encode(text, addSpecial: false)));
            // With BOS removed, llama.cpp's detokenize keeps the space prefix the encoder added.
            var afterBos = text.Length == 0 ? "" : " " + expected;
            Assert.Equal(afterBos, ponder.Decode(ponder.Encode(text, addSpecial: true), removeSpecial: true));
        }
    }
}
