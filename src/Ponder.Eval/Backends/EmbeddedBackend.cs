using Ponder.Engine;
using Ponder.Reasoning;

namespace Ponder.Eval.Backends;

/// <summary>A GGUF model in the embedded engine. One engine serves every item in flight: with K items at once and
/// Contemplating-N, it holds K × (N + 1) sequences (each agent plus the shared prompt) and decodes them in one batch
/// per step, which is where eval's concurrency comes from.</summary>
public sealed class EmbeddedBackend : IReasoningBackend
{
    readonly InferenceLoop engine;
    readonly Reasoner reasoner;

    EmbeddedBackend(InferenceLoop engine)
    {
        this.engine = engine;
        reasoner = Reasoner.For(engine);
    }

    public int MaxAgents => reasoner.Options.MaxAgents;

    /// <summary>Sizes the engine for <paramref name="concurrency"/> items of the widest mode in the grid: a sequence for
    /// every agent plus the shared prompt, and a unified cache that holds each item's worst case at once — every agent's
    /// prompt, thought and answer, and a refinement prompt quoting three candidates (byte-fallback text can take a token
    /// per byte). The engine reserves cells at admission and admits oldest first, so a cache sized for less can leave
    /// every item holding its prompt while the next request waits for cells that never free.</summary>
    public static EmbeddedBackend Start(string path, int concurrency, int maxAgents, int budget, int answerTokens, int threads = 0, int? context = null)
    {
        const int promptAllowance = 512, refinementAllowance = 512 + 3 * 300 * 3;
        var sequences = Math.Clamp(concurrency * (maxAgents + 1), maxAgents + 1, 256);
        var perItem = (long)(maxAgents + 1) * (promptAllowance + budget + answerTokens) + refinementAllowance + answerTokens;
        var cells = context ?? (int)Math.Clamp(perItem * concurrency, 1024, 262_144);
        var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: cells, MaxSequences: sequences,
            BatchSize: Math.Max(512, sequences), Threads: threads, QueueCapacity: 1024,
            // Long enough for any item to finish and free its cells; short enough that a stall surfaces as an error, not a hang.
            QueueTimeout: TimeSpan.FromMinutes(5)));
        return new EmbeddedBackend(engine);
    }

    public Task<ReasoningResult> RunAsync(ReasoningRequest request, CancellationToken cancellationToken) =>
        reasoner.RunAsync(request, cancellationToken);

    public ValueTask DisposeAsync() => engine.DisposeAsync();
}
