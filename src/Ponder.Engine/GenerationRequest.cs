namespace Ponder.Engine;

/// <summary>One sequence to generate. The prompt is text (tokenised on the caller's thread, with BOS if the model
/// wants one) or tokens. With <see cref="ForkFrom"/>, the sequence starts from a live parent's prompt: the parent's
/// prompt cells are shared (llama_memory_seq_cp), not decoded again, and this request's own prompt, if any, follows it.</summary>
public sealed record GenerationRequest
{
    public string? Text { get; init; }
    public IReadOnlyList<int>? Tokens { get; init; }
    public SamplingOptions Sampling { get; init; } = new();
    public SequenceId? ForkFrom { get; init; }

    public static GenerationRequest FromText(string text, SamplingOptions? sampling = null) =>
        new() { Text = text, Sampling = sampling ?? new() };

    public static GenerationRequest FromTokens(IReadOnlyList<int> tokens, SamplingOptions? sampling = null) =>
        new() { Tokens = tokens, Sampling = sampling ?? new() };

    public static GenerationRequest Fork(SequenceId parent, SamplingOptions? sampling = null) =>
        new() { ForkFrom = parent, Tokens = [], Sampling = sampling ?? new() };
}
