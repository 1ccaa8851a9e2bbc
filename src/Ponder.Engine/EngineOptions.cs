namespace Ponder.Engine;

/// <summary>How the embedded engine loads its model and shares one llama.cpp context among sequences.
/// Every field has a default that suits a small model on a laptop; all of it is logged at start.</summary>
public sealed record EngineOptions(
    // Model
    string ModelPath,
    // Context: one unified KV cache of ContextSize cells shared by every live sequence (forks share prompt cells);
    // with UnifiedKvCache false each sequence slot gets ContextSize / MaxSequences cells of its own and cannot fork
    int ContextSize = 2048, int MaxSequences = 64, bool UnifiedKvCache = true,
    // Decoding: tokens per llama_decode call (a token per decoding sequence, then at most PrefillChunk prompt tokens), CPU threads
    int BatchSize = 512, int Threads = 0, int PrefillChunk = 128,
    // Flash attention: null lets llama.cpp decide (auto), true/false forces it on/off
    bool? FlashAttention = null,
    // Admission: requests that cannot start yet wait here; beyond capacity, or after the timeout, they fail
    int QueueCapacity = 256, TimeSpan? QueueTimeout = null)
{
    /// <summary>Threads, with 0 meaning every core.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>The most cells (prompt + generated tokens) one sequence can hold.</summary>
    public int CellsPerSequence => UnifiedKvCache ? ContextSize : ContextSize / MaxSequences;

    public TimeSpan EffectiveQueueTimeout => QueueTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first impossible setting and its valid range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string range)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; expected {range}.");
        }
        Check(ContextSize >= 16, nameof(ContextSize), ContextSize, "at least 16");
        Check(MaxSequences is >= 1 and <= 256, nameof(MaxSequences), MaxSequences, "1 to 256 (llama.cpp's sequence limit)");
        Check(BatchSize >= MaxSequences, nameof(BatchSize), BatchSize, $"at least {nameof(MaxSequences)} ({MaxSequences}), so every live sequence decodes in one batch");
        Check(Threads >= 0, nameof(Threads), Threads, "0 (every core) or more");
        Check(PrefillChunk >= 1, nameof(PrefillChunk), PrefillChunk, "at least 1");
        Check(QueueCapacity >= 1, nameof(QueueCapacity), QueueCapacity, "at least 1");
        Check(CellsPerSequence >= 8, nameof(ContextSize), ContextSize, $"at least 8 cells per sequence ({nameof(UnifiedKvCache)} is off, so each of {MaxSequences} sequences gets ContextSize / {MaxSequences})");
        Check(EffectiveQueueTimeout >= TimeSpan.Zero, nameof(QueueTimeout), EffectiveQueueTimeout, "zero or more");
    }
}
