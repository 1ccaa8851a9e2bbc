using Ponder.Gguf;

namespace Ponder.Model.Tokenizer;

/// <summary>Ponder's own small llama (SentencePiece) vocabulary: special and chat-format control tokens, the 256
/// byte-fallback tokens (so any text encodes), the characters of the task alphabet, and a few frequent pieces with
/// every prefix of each (SentencePiece only reaches a piece through pieces one character shorter).</summary>
public static class PonderVocabulary
{
    public const int Unk = 0, Bos = 1, Eos = 2;

    // Special tokens first, at the ids llama.cpp assumes for a llama vocabulary. <unk> is UNKNOWN as in
    // SentencePiece; llama.cpp treats it like a control token everywhere.
    static readonly (string Piece, LlamaTokenType Type)[] Specials =
    [
        ("<unk>", LlamaTokenType.Unknown), ("<s>", LlamaTokenType.Control), ("</s>", LlamaTokenType.Control),
        (PonderChatFormat.User, LlamaTokenType.Control), (PonderChatFormat.Assistant, LlamaTokenType.Control),
        (PonderChatFormat.End, LlamaTokenType.Control),
        (PonderChatFormat.ThinkOpen, LlamaTokenType.Control), (PonderChatFormat.ThinkClose, LlamaTokenType.Control),
    ];

    // Printable ASCII except space (spaces are ▁), then math symbols. Newline and tab go through byte fallback.
    static readonly string Alphabet =
        "▁" + string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c)) + "×÷−±≤≥≠≈√π²³°·…–—’“”";

    // Frequent pieces, most useful first (earlier pieces score higher, so they win merges).
    static readonly string[] Pieces =
    [
        "▁the", "▁is", "▁=", "▁+", "▁-", "▁×", "▁÷", "▁answer", "▁of", "▁and", "▁to", "▁a", "▁we", "▁so", "▁So",
        "▁in", "▁that", "▁it", "▁each", "▁total", "▁number", "▁Let", "▁has", "▁are", "▁for", "▁then", "▁Then",
        "▁how", "▁many", "▁what", "▁What", "ing", "ed", "es", "er", "00",
    ];

    /// <summary>Jinja chat template (GGUF <c>tokenizer.chat_template</c>) rendering <see cref="PonderChatFormat"/>.
    /// It starts with bos_token as Llama-2's does; llama.cpp strips that before tokenizing with add_special, so BOS appears once.</summary>
    public const string ChatTemplate =
        "{{ bos_token }}{% for message in messages %}" +
        "{% if message['role'] == 'user' %}<|user|>{{ message['content'] }}<|end|>" +
        "{% elif message['role'] == 'assistant' %}<|assistant|>{{ message['content'] }}<|end|>{% endif %}" +
        "{% endfor %}{% if add_generation_prompt %}<|assistant|><think>{% endif %}";

    public static LlamaVocabulary Build()
    {
        var tokens = new List<string>();
        var scores = new List<float>();
        var types = new List<LlamaTokenType>();
        void Add(string piece, float score, LlamaTokenType type)
        {
            tokens.Add(piece);
            scores.Add(score);
            types.Add(type);
        }

        foreach (var (piece, type) in Specials) Add(piece, 0, type);
        for (var b = 0; b < 256; b++) Add($"<0x{b:X2}>", 0, LlamaTokenType.Byte);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Alphabet.EnumerateRunes())
            if (seen.Add(c.ToString())) Add(c.ToString(), -1000 - seen.Count, LlamaTokenType.Normal);

        // Multi-character pieces: each piece and its prefixes, scored by first appearance.
        var multi = Pieces.SelectMany(p => Enumerable.Range(2, p.Length - 1).Select(n => p[..n])).Where(seen.Add).ToList();
        for (var i = 0; i < multi.Count; i++) Add(multi[i], -i, LlamaTokenType.Normal);

        return new LlamaVocabulary(tokens, scores, types, bos: Bos, eos: Eos, unk: Unk,
            addBos: true, addEos: false, addSpacePrefix: true);
    }

    /// <summary>Writes the vocabulary's <c>tokenizer.ggml.*</c> keys, &lt;|end|&gt; as end-of-turn (so llama.cpp stops
    /// generating there) and the chat template.</summary>
    public static void WriteTo(GgufMetadata metadata)
    {
        var vocabulary = Build();
        vocabulary.WriteTo(metadata);
        metadata.Set("tokenizer.ggml.eot_token_id", GgufValue.UInt32((uint)vocabulary.Id(PonderChatFormat.End)));
        metadata.Set("tokenizer.chat_template", GgufValue.String(ChatTemplate));
    }
}
