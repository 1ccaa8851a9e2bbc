namespace Ponder.Engine;

/// <summary>Per-sequence sampling. Temperature 0 is greedy. Filters apply in the order top-k, min-p, top-p.
/// Log-probabilities are those of the model's raw distribution (log-softmax of the logits over the full
/// vocabulary), before temperature and filters, as OpenAI-compatible servers report them.
/// Stop strings end the sequence where they begin: their text (and the tokens that hold only their text) never
/// reaches the caller. <see cref="Stop"/> applies from the first token; <see cref="Deferred"/> only after its arming point.</summary>
public sealed record SamplingOptions(
    float Temperature = 1.0f, int TopK = 0, float TopP = 1.0f, float MinP = 0.0f, int? Seed = null,
    int MaxTokens = 256, IReadOnlyList<string>? Stop = null, bool IgnoreEos = false,
    bool LogProbs = false, int TopLogProbs = 0, IReadOnlyList<int>? StopTokens = null, ForcedTokens? Force = null,
    DeferredStop? Deferred = null)
{
    public const int MaxTopLogProbs = 20;

    public static SamplingOptions Greedy { get; } = new(Temperature: 0);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the parameter and its valid range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string range)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; expected {range}.");
        }
        Check(Temperature >= 0 && float.IsFinite(Temperature), nameof(Temperature), Temperature, "0 (greedy) or more");
        Check(TopK >= 0, nameof(TopK), TopK, "0 (off) or more");
        Check(TopP is > 0 and <= 1, nameof(TopP), TopP, "a value in (0, 1]");
        Check(MinP is >= 0 and <= 1, nameof(MinP), MinP, "a value in [0, 1]");
        Check(MaxTokens >= 1, nameof(MaxTokens), MaxTokens, "at least 1");
        Check(TopLogProbs is >= 0 and <= MaxTopLogProbs, nameof(TopLogProbs), TopLogProbs, $"0 to {MaxTopLogProbs}");
        if (Force is not null)
        {
            Check(Force.After >= 1, "Force.After", Force.After, "at least 1 (force before any sampling by putting the tokens in the prompt)");
            Check(Force.Tokens.Count >= 1, "Force.Tokens", Force.Tokens.Count, "at least 1 token");
        }
        if (Stop is not null)
            foreach (var s in Stop)
                Check(!string.IsNullOrEmpty(s), nameof(Stop), "\"\"", "non-empty stop strings");
        if (Deferred is not null)
            foreach (var s in Deferred.Strings)
                Check(!string.IsNullOrEmpty(s), "Deferred.Strings", "\"\"", "non-empty stop strings");
    }
}
