using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Model.Tests.Tokenizer;

public sealed class PonderVocabularyTests
{
    static readonly SentencePieceTokenizer Tokenizer = new(PonderVocabulary.Build());

    static string[] Pieces(int[] ids) => ids.Select(i => Tokenizer.Vocabulary.Tokens[i]).ToArray();

    [Fact]
    public void Puts_the_special_tokens_at_llamas_ids_and_the_chat_markers_as_control_tokens()
    {
        var v = Tokenizer.Vocabulary;
        Assert.Equal(("<unk>", "<s>", "</s>"), (v.Tokens[v.Unk!.Value], v.Tokens[v.Bos!.Value], v.Tokens[v.Eos!.Value]));
        foreach (var marker in new[] { PonderChatFormat.User, PonderChatFormat.Assistant, PonderChatFormat.End, PonderChatFormat.ThinkOpen, PonderChatFormat.ThinkClose })
            Assert.Equal(LlamaTokenType.Control, v.Types[v.Id(marker)]);
        Assert.Equal(256, v.Types.Count(t => t == LlamaTokenType.Byte));
    }

    [Fact]
    public void Merges_frequent_pieces_and_falls_back_to_bytes_for_the_rest()
    {
        Assert.Equal(["▁What", "▁is", "▁the", "▁answer", "?"], Pieces(Tokenizer.Encode("What is the answer?", addSpecial: false)));
        Assert.Equal(["▁", "3", "▁×", "▁", "4", "<0x0A>"], Pieces(Tokenizer.Encode("3 × 4\n", addSpecial: false)));
        Assert.Equal(["▁", "<0xC3>", "<0xA9>"], Pieces(Tokenizer.Encode("é", addSpecial: false)));
    }

    [Fact]
    public void Encodes_the_chat_format_markers_as_single_tokens()
    {
        var ids = Tokenizer.Encode(PonderChatFormat.Prompt("2+2?", instant: true), addSpecial: true, parseSpecial: true);
        Assert.Equal(["<s>", "<|user|>", "▁", "2", "+", "2", "?", "<|end|>", "<|assistant|>", "<think>", "</think>"], Pieces(ids));
        Assert.Equal("<|user|> 2+2?<|end|><|assistant|><think></think>", Tokenizer.Decode(ids, removeSpecial: true, renderSpecial: true));
    }

    [Fact]
    public void Round_trips_through_gguf_metadata_with_the_chat_template()
    {
        var metadata = new GgufMetadata();
        PonderVocabulary.WriteTo(metadata);
        var read = LlamaVocabulary.FromMetadata(metadata);
        var built = PonderVocabulary.Build();
        Assert.Equal(built.Tokens, read.Tokens);
        Assert.Equal(built.Scores, read.Scores);
        Assert.Equal(built.Types, read.Types);
        Assert.Equal((built.Bos, built.Eos, built.Unk, built.AddBos, built.AddEos, built.AddSpacePrefix),
            (read.Bos, read.Eos, read.Unk, read.AddBos, read.AddEos, read.AddSpacePrefix));
        Assert.Equal(PonderVocabulary.ChatTemplate, metadata.GetString("tokenizer.chat_template"));
    }

    [Fact]
    public void Refuses_a_vocabulary_that_is_not_sentencepiece_with_a_clear_message()
    {
        var metadata = new GgufMetadata();
        metadata.Set("tokenizer.ggml.model", GgufValue.String("gpt2"));
        var e = Assert.Throws<GgufFormatException>(() => LlamaVocabulary.FromMetadata(metadata));
        Assert.Contains("\"gpt2\"", e.Message);
        Assert.Contains("\"llama\"", e.Message);
    }
}
