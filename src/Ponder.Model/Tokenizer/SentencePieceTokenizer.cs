using System.Text;

namespace Ponder.Model.Tokenizer;

/// <summary>llama.cpp's SentencePiece (SPM) tokenizer in C#, id for id: special pieces are cut out first, each text run
/// gets spaces escaped to ▁ (and a leading ▁ after BOS/specials when add_space_prefix), then SentencePiece merges with
/// byte fallback. <see cref="Decode"/> follows llama.cpp's detokenize. Parity with llama.cpp is tested on real vocabularies.</summary>
public sealed class SentencePieceTokenizer
{
    const char SpaceEscape = '\u2581'; // ▁

    readonly SpecialTokenSplitter splitter;
    readonly PieceMerger merger;

    public SentencePieceTokenizer(LlamaVocabulary vocabulary)
    {
        Vocabulary = vocabulary;
        splitter = new SpecialTokenSplitter(vocabulary);
        merger = new PieceMerger(vocabulary, ByteTokens(vocabulary));
    }

    public LlamaVocabulary Vocabulary { get; }

    /// <summary>Text to token ids. <paramref name="addSpecial"/> adds BOS/EOS where the vocabulary asks for them;
    /// <paramref name="parseSpecial"/> turns control pieces written in the text (e.g. "&lt;s&gt;") into their tokens
    /// instead of spelling them out.</summary>
    public int[] Encode(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        text = WellFormed(text);
        var output = new List<int>();
        var previousWasSpecial = true; // the first text run gets the space prefix, as after a special token
        if (addSpecial && Vocabulary.AddBos) output.Add(Vocabulary.Bos!.Value);
        foreach (var fragment in splitter.Split(text, parseSpecial))
        {
            if (!fragment.IsText)
            {
                output.Add(fragment.Token);
                previousWasSpecial = true;
                continue;
            }
            var run = text.Substring(fragment.Start, fragment.Length);
            if (Vocabulary.AddSpacePrefix && previousWasSpecial) run = " " + run;
            merger.Tokenize(run.Replace(' ', SpaceEscape), output);
            previousWasSpecial = false;
        }
        if (addSpecial && Vocabulary.AddEos) output.Add(Vocabulary.Eos!.Value);
        return output.ToArray();
    }

    /// <summary>Token ids to text, as llama.cpp's detokenize: ▁ becomes a space, byte tokens are joined into UTF-8,
    /// control tokens are shown only when <paramref name="renderSpecial"/>, and the space prefix the encoder added is
    /// dropped from the first token. <paramref name="removeSpecial"/> drops a leading BOS and trailing EOS the
    /// vocabulary adds (llama.cpp then keeps the space after BOS).</summary>
    public string Decode(IReadOnlyList<int> ids, bool removeSpecial = false, bool renderSpecial = false)
    {
        var first = 0;
        var count = ids.Count;
        var stripSpace = Vocabulary.AddSpacePrefix;
        if (removeSpecial && Vocabulary.AddBos && count > 0 && ids[0] == Vocabulary.Bos)
        {
            stripSpace = false;
            first++;
            count--;
        }
        if (removeSpecial && Vocabulary.AddEos && count > 0 && ids[first + count - 1] == Vocabulary.Eos) count--;

        var bytes = new List<byte>();
        for (var i = first; i < first + count; i++)
        {
            var piece = Piece(ids[i], renderSpecial);
            bytes.AddRange(stripSpace && piece.Length > 0 && piece[0] == (byte)' ' ? piece[1..] : piece);
            stripSpace = false;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The bytes one token stands for (llama.cpp's token_to_piece); a byte token is one byte of a UTF-8 sequence.</summary>
    public byte[] Piece(int id, bool renderSpecial = false)
    {
        if ((uint)id >= (uint)Vocabulary.Count)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {Vocabulary.Count - 1}.");
        var text = Vocabulary.Tokens[id];
        return Vocabulary.Effective[id] switch
        {
            LlamaTokenType.Control or LlamaTokenType.Unknown => renderSpecial ? Encoding.UTF8.GetBytes(text) : [],
            LlamaTokenType.UserDefined => Encoding.UTF8.GetBytes(text),
            LlamaTokenType.Normal => Encoding.UTF8.GetBytes(text.Replace(SpaceEscape, ' ')),
            LlamaTokenType.Byte => [Convert.ToByte(text.Substring(3, 2), 16)],
            _ => [], // UNUSED and UNDEFINED pieces print nothing
        };
    }

    /// <summary>Lone surrogates become U+FFFD, as they do on the way to llama.cpp's UTF-8.</summary>
    static string WellFormed(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) sb.Append(rune.ToString());
        return sb.ToString();
    }

    /// <summary>The token for each byte: &lt;0xXX&gt;, else the one-character piece (llama.cpp's byte_to_token); -1 where neither exists.</summary>
    static int[] ByteTokens(LlamaVocabulary vocabulary)
    {
        var tokens = new int[256];
        for (var b = 0; b < 256; b++)
            tokens[b] = vocabulary.TryGetId($"<0x{b:X2}>", out var id) ? id
                : b < 0x80 && vocabulary.TryGetId(((char)b).ToString(), out id) ? id : -1;
        return tokens;
    }
}
