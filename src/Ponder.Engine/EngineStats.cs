namespace Ponder.Engine;

/// <summary>A snapshot of the loop's counters. PromptTokensDecoded counts prompt tokens sent to llama_decode
/// (a fork adds none for its parent's prompt); GeneratedTokensDecoded counts sampled and forced tokens fed back.</summary>
public sealed record EngineStats(
    long Steps, long PromptTokensDecoded, long GeneratedTokensDecoded, long TokensSampled,
    int LiveSequences, int QueuedRequests, int ReservedCells, int ContextSize);
