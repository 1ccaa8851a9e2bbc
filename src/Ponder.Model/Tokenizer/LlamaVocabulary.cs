using Ponder.Gguf;

namespace Ponder.Model.Tokenizer;

/// <summary>A llama SentencePiece vocabulary (GGUF <c>tokenizer.ggml.model = "llama"</c>): pieces, scores, types,
/// the special ids and the add_bos / add_eos / add_space_prefix flags, read with llama.cpp's defaults.</summary>
public sealed class LlamaVocabulary
{
    public const string Model = "llama";

    // Tokens llama.cpp forces to CONTROL by their text when a converter forgot to (llama-vocab.cpp, EOT/EOG detection).
    static readonly HashSet<string> ControlByText =
    [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>", "_<EOT>",
        "<|eom_id|>", "</s>", "<|return|>", "<|call|>", "<eos>",
    ];

    readonly Dictionary<string, int> ids;

    public LlamaVocabulary(
        IReadOnlyList<string> tokens, IReadOnlyList<float> scores, IReadOnlyList<LlamaTokenType> types,
        int? bos = 1, int? eos = 2, int? unk = 0, bool addBos = true, bool addEos = false, bool addSpacePrefix = true)
    {
        if (scores.Count != tokens.Count || types.Count != tokens.Count)
            throw new ArgumentException($"A vocabulary needs one score and one type per token: {tokens.Count} tokens, {scores.Count} scores, {types.Count} types.");
        ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
            if (!ids.TryAdd(tokens[i], i))
                throw new ArgumentException($"Duplicate token '{tokens[i]}' at ids {ids[tokens[i]]} and {i}; every piece must be unique.");
        Tokens = tokens;
        Scores = scores;
        Types = types;
        Bos = InRange(bos);
        Eos = InRange(eos);
        Unk = InRange(unk);
        AddBos = addBos;
        AddEos = addEos;
        AddSpacePrefix = addSpacePrefix;
        if (addBos && Bos is null) throw new ArgumentException("add_bos is true, but there is no BOS token id in range.");
        if (addEos && Eos is null) throw new ArgumentException("add_eos is true, but there is no EOS token id in range.");
        Effective = types.Select((t, i) => ControlByText.Contains(tokens[i]) ? LlamaTokenType.Control : t).ToArray();
    }

    public IReadOnlyList<string> Tokens { get; }
    public IReadOnlyList<float> Scores { get; }
    /// <summary>The types as given (and as <see cref="WriteTo"/> writes them).</summary>
    public IReadOnlyList<LlamaTokenType> Types { get; }
    public int? Bos { get; }
    public int? Eos { get; }
    public int? Unk { get; }
    public bool AddBos { get; }
    public bool AddEos { get; }
    public bool AddSpacePrefix { get; }
    public int Count => Tokens.Count;

    /// <summary>The types the tokenizer acts on: <see cref="Types"/> with llama.cpp's by-text CONTROL overrides.</summary>
    internal LlamaTokenType[] Effective { get; }

    public bool TryGetId(string piece, out int id) => ids.TryGetValue(piece, out id);

    public int Id(string piece) =>
        ids.TryGetValue(piece, out var id) ? id : throw new KeyNotFoundException($"The piece '{piece}' is not in the vocabulary.");

    int? InRange(int? id) => id is { } v && v >= 0 && v < Tokens.Count ? v : null;

    /// <summary>Reads the <c>tokenizer.ggml.*</c> keys, with llama.cpp's defaults where a key is absent
    /// (BOS 1, EOS 2, UNK 0, add_bos true, add_eos false, add_space_prefix true, every token NORMAL, score 0).</summary>
    public static LlamaVocabulary FromMetadata(GgufMetadata m)
    {
        var model = m.GetStringOrDefault("tokenizer.ggml.model");
        if (model != Model)
            throw new GgufFormatException(model is null
                ? "key 'tokenizer.ggml.model' is missing; Ponder's tokenizer reads llama (SentencePiece) vocabularies only."
                : $"key 'tokenizer.ggml.model' is \"{model}\"; Ponder's tokenizer reads \"{Model}\" (SentencePiece) vocabularies only.");
        var tokens = m.GetArray("tokenizer.ggml.tokens").As<string>()
            .Select((t, i) => t.Length == 0 ? $"[EMPTY_{i}]" : t).ToArray(); // as llama.cpp names empty pieces
        var scores = m.Contains("tokenizer.ggml.scores") ? ReadScores(m.GetArray("tokenizer.ggml.scores"), tokens.Length) : new float[tokens.Length];
        var types = m.Contains("tokenizer.ggml.token_type")
            ? m.GetArray("tokenizer.ggml.token_type").As<int>().Take(tokens.Length).Select(t => (LlamaTokenType)t).ToArray()
            : Enumerable.Repeat(LlamaTokenType.Normal, tokens.Length).ToArray();
        if (types.Length < tokens.Length)
            throw new GgufFormatException($"key 'tokenizer.ggml.token_type' has {types.Length} entries for {tokens.Length} tokens.");

        int? Special(string key, int fallback) => m.Contains(key) && m.GetInt(key) is var v && v >= 0 && v < tokens.Length ? (int)v : fallback;
        return new LlamaVocabulary(tokens, scores, types,
            bos: Special("tokenizer.ggml.bos_token_id", 1),
            eos: Special("tokenizer.ggml.eos_token_id", 2),
            unk: Special("tokenizer.ggml.unknown_token_id", 0),
            addBos: m.GetBoolOrDefault("tokenizer.ggml.add_bos_token", true),
            addEos: m.GetBoolOrDefault("tokenizer.ggml.add_eos_token", false),
            addSpacePrefix: m.GetBoolOrDefault("tokenizer.ggml.add_space_prefix", true));
    }

    static float[] ReadScores(GgufArray array, int count)
    {
        float[] scores = array.ElementType switch
        {
            GgufValueType.Float32 => array.As<float>(),
            GgufValueType.Int32 => array.As<int>().Select(s => (float)s).ToArray(),
            _ => throw new GgufFormatException($"key 'tokenizer.ggml.scores' is an array of {array.ElementType}; expected Float32 or Int32."),
        };
        if (scores.Length < count)
            throw new GgufFormatException($"key 'tokenizer.ggml.scores' has {scores.Length} entries for {count} tokens.");
        return scores[..count];
    }

    /// <summary>Writes the standard <c>tokenizer.ggml.*</c> keys llama.cpp reads.</summary>
    public void WriteTo(GgufMetadata m)
    {
        m.Set("tokenizer.ggml.model", GgufValue.String(Model));
        m.Set("tokenizer.ggml.tokens", GgufValue.Array(GgufArray.Of(Tokens.ToArray())));
        m.Set("tokenizer.ggml.scores", GgufValue.Array(GgufArray.Of(Scores.ToArray())));
        m.Set("tokenizer.ggml.token_type", GgufValue.Array(GgufArray.Of(Types.Select(t => (int)t).ToArray())));
        if (Bos is { } bos) m.Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32((uint)bos));
        if (Eos is { } eos) m.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32((uint)eos));
        if (Unk is { } unk) m.Set("tokenizer.ggml.unknown_token_id", GgufValue.UInt32((uint)unk));
        m.Set("tokenizer.ggml.add_bos_token", GgufValue.Bool(AddBos));
        m.Set("tokenizer.ggml.add_eos_token", GgufValue.Bool(AddEos));
        m.Set("tokenizer.ggml.add_space_prefix", GgufValue.Bool(AddSpacePrefix));
    }
}
