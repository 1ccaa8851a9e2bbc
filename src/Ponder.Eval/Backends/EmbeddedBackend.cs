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

    /// <summary>Sizes the engine for <paramref name="concurrency"/> items of the widest mode in the grid: sequences for
    /// every agent, and a unified cache with room for each one's prompt, thought and answer.</summary>
    public static EmbeddedBackend Start(string path, int concurrency, int maxAgents, int tokensPerSequence, int threads = 0)
    {
        var sequences = Math.Clamp(concurrency * (maxAgents + 1), maxAgents + 1, 256);
        var context = (int)Math.Clamp((long)sequences * tokensPerSequence, 512, 262_144);
        var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: context, MaxSequences: sequences,
            BatchSize: Math.Max(512, sequences), Threads: threads, QueueCapacity: 1024, QueueTimeout: TimeSpan.FromHours(1)));
        return new EmbeddedBackend(engine);
    }

    public Task<ReasoningResult> RunAsync(ReasoningRequest request, CancellationToken cancellationToken) =>
        reasoner.RunAsync(request, cancellationToken);

    public ValueTask DisposeAsync() => engine.DisposeAsync();
}
