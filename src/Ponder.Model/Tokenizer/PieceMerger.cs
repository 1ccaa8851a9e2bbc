namespace Ponder.Model.Tokenizer;

/// <summary>SentencePiece BPE on one run of text, as llama.cpp's <c>llm_tokenizer_spm_session</c>: start from single
/// characters, repeatedly merge the adjacent pair whose joined text is the highest-scoring piece (ties: leftmost),
/// then emit each symbol as its piece, or as byte-fallback tokens where it is not a piece.</summary>
sealed class PieceMerger(LlamaVocabulary vocabulary, int[] byteTokens)
{
    // A queued merge. Entries go stale when a neighbour merges first; Size tells them apart.
    readonly record struct Bigram(int Left, int Right, float Score, int Size);

    // Highest score first, then the leftmost pair (llama.cpp's llm_bigram_spm::comparator).
    static readonly Comparer<Bigram> Priority = Comparer<Bigram>.Create((a, b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Left.CompareTo(b.Left));

    /// <summary>Appends the tokens of <paramref name="text"/> (spaces already escaped to ▁) to <paramref name="output"/>.</summary>
    public void Tokenize(string text, List<int> output)
    {
        // Symbols are UTF-8 characters, i.e. runes; offsets and lengths are in UTF-16 units of text.
        var start = new List<int>();
        var length = new List<int>();
        for (var i = 0; i < text.Length; i += length[^1])
        {
            start.Add(i);
            length.Add(char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1);
        }
        var n = start.Count;
        var prev = Enumerable.Range(-1, n).ToArray();
        var next = Enumerable.Range(1, n).Select(i => i == n ? -1 : i).ToArray();
        var len = length.ToArray();

        var queue = new PriorityQueue<Bigram, Bigram>(Priority);
        void TryAdd(int left, int right)
        {
            if (left < 0 || right < 0) return;
            var size = len[left] + len[right];
            if (!vocabulary.TryGetId(text.Substring(start[left], size), out var id)) return;
            var bigram = new Bigram(left, right, vocabulary.Scores[id], size);
            queue.Enqueue(bigram, bigram);
        }

        for (var i = 1; i < n; i++) TryAdd(i - 1, i);
        while (queue.TryDequeue(out var b, out _))
        {
            if (len[b.Left] == 0 || len[b.Right] == 0 || len[b.Left] + len[b.Right] != b.Size) continue;
            len[b.Left] += len[b.Right];
            len[b.Right] = 0;
            next[b.Left] = next[b.Right];
            if (next[b.Right] >= 0) prev[next[b.Right]] = b.Left;
            TryAdd(prev[b.Left], b.Left);
            TryAdd(b.Left, next[b.Left]);
        }

        // llama.cpp's resegment also consults a reverse-merge map, but only merges that form pieces ever happen,
        // so a symbol is either a piece or a single character that falls back to bytes.
        for (var i = n == 0 ? -1 : 0; i != -1; i = next[i])
        {
            var symbol = text.Substring(start[i], len[i]);
            if (vocabulary.TryGetId(symbol, out var id)) { output.Add(id); continue; }
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(symbol))
                output.Add(byteTokens[b] >= 0 ? byteTokens[b]
                    : throw new InvalidOperationException($"The vocabulary has no byte-fallback token <0x{b:X2}> for '{symbol}'; a llama vocabulary needs all 256 byte tokens."));
        }
    }
}
