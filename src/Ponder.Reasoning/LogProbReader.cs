using Ponder.Engine;

namespace Ponder.Reasoning;

/// <summary>Turns the engine's token events into the log-probability entries a request asked for: one per token the
/// model sampled, none for tokens Ponder forced or the engine withheld (an end-of-turn token, a stop string's tokens),
/// and nothing at all when the request did not ask. The engine may report more alternatives than asked (Contemplating's
/// confidence needs its own top-k); only the first <c>top</c> are kept.</summary>
internal sealed class LogProbReader(IGenerationEngine engine, bool on, int top)
{
    public static LogProbReader For(IGenerationEngine engine, ReasoningRequest request) => new(engine, request.LogProbs, request.TopLogProbs);

    public bool On => on;

    public TokenLogProb? Read(TokenEvent e)
    {
        if (!on || e.Token is not { } token || e.Forced || e.Withheld) return null;
        var alternatives = e.TopLogProbs is { } all
            ? all.Take(top).Select(a => new TokenAlternative(a.Token, engine.TokenBytes(a.Token), a.LogProb)).ToArray()
            : [];
        return new TokenLogProb(token, engine.TokenBytes(token), e.LogProb, alternatives);
    }
}
