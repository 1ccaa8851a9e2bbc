namespace Ponder.Model.Tokenizer;

/// <summary>Cuts text around special pieces before SentencePiece sees it, as llama.cpp's <c>tokenizer_st_partition</c>:
/// longest piece first, each occurrence left to right becomes its token. CONTROL and UNKNOWN pieces are cut only when
/// parsing specials; USER_DEFINED pieces always are (as Hugging Face tokenizers do).</summary>
sealed class SpecialTokenSplitter
{
    /// <summary>A run of raw text (<see cref="Token"/> is -1) or one special token.</summary>
    public readonly record struct Fragment(int Token, int Start, int Length)
    {
        public bool IsText => Token < 0;
    }

    readonly LlamaVocabulary vocabulary;
    readonly int[] specials;

    public SpecialTokenSplitter(LlamaVocabulary vocabulary)
    {
        this.vocabulary = vocabulary;
        // llama.cpp sorts by UTF-8 length, longest first; ties keep id order here (std::sort leaves them unspecified).
        specials = Enumerable.Range(0, vocabulary.Count)
            .Where(id => vocabulary.Effective[id] is LlamaTokenType.Control or LlamaTokenType.UserDefined or LlamaTokenType.Unknown)
            .OrderByDescending(id => System.Text.Encoding.UTF8.GetByteCount(vocabulary.Tokens[id]))
            .ToArray();
    }

    public List<Fragment> Split(string text, bool parseSpecial)
    {
        var fragments = new List<Fragment>();
        if (text.Length > 0) fragments.Add(new Fragment(-1, 0, text.Length));
        foreach (var id in specials)
        {
            if (!parseSpecial && vocabulary.Effective[id] is LlamaTokenType.Control or LlamaTokenType.Unknown) continue;
            var piece = vocabulary.Tokens[id];
            var next = new List<Fragment>(fragments.Count);
            foreach (var fragment in fragments)
            {
                if (!fragment.IsText) { next.Add(fragment); continue; }
                var start = fragment.Start;
                var end = fragment.Start + fragment.Length;
                while (start < end)
                {
                    var match = text.IndexOf(piece, start, end - start, StringComparison.Ordinal);
                    if (match < 0) break;
                    if (match > start) next.Add(new Fragment(-1, start, match - start));
                    next.Add(new Fragment(id, match, piece.Length));
                    start = match + piece.Length;
                }
                if (start < end) next.Add(new Fragment(-1, start, end - start));
            }
            fragments = next;
        }
        return fragments;
    }
}
