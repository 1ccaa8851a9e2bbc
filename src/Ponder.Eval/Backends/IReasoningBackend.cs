using Ponder.Reasoning;

namespace Ponder.Eval.Backends;

/// <summary>Where a model's answers come from: the embedded engine through <see cref="Reasoner"/>, or an
/// OpenAI-compatible endpoint. Both take the reasoning layer's request and give its result, so eval scores them alike.</summary>
public interface IReasoningBackend : IAsyncDisposable
{
    /// <summary>The most Contemplating agents one request may run here (the engine's capacity).</summary>
    int MaxAgents { get; }

    Task<ReasoningResult> RunAsync(ReasoningRequest request, CancellationToken cancellationToken);
}
