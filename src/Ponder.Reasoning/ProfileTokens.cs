using Ponder.Engine;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning;

/// <summary>A profile's markers as this engine's tokens, resolved once per reasoner. A marker that is one token
/// (a control token such as &lt;/think&gt; or &lt;|im_end|&gt;) stops a sequence by id — control tokens render as no
/// text, so a stop string would never see them; a marker spelt in several tokens stops it as a stop string.</summary>
internal sealed class ProfileTokens
{
    public ProfileTokens(IGenerationEngine engine, ModelProfile profile)
    {
        int[] Tokens(string text) => text.Length == 0 ? [] : engine.Tokenize(text, addBos: false);
        if (profile.SupportsThinking)
        {
            Close = Tokens(profile.ThinkClose!);
            CloseText = profile.ThinkClose!;
        }
        AfterClose = Tokens(profile.AfterThinkClose);
        var ends = profile.EndOfTurn.Select(m => (Marker: m, Tokens: Tokens(m))).ToList();
        EndTokens = ends.Where(e => e.Tokens.Length == 1).Select(e => e.Tokens[0]).ToArray();
        EndStrings = ends.Where(e => e.Tokens.Length != 1).Select(e => e.Marker).ToArray();
    }

    public int[] Close { get; } = [];
    public string CloseText { get; } = "";
    public bool CloseIsOneToken => Close.Length == 1;
    public int[] AfterClose { get; }
    public int[] EndTokens { get; }
    public string[] EndStrings { get; }

    /// <summary>Thought and answer in one sequence: at <paramref name="budget"/> sampled tokens, unless the model closed the
    /// thought itself, the engine forces <paramref name="wrapUp"/> + close marker + separator and the model answers on;
    /// the sequence stops at the end of turn or after <paramref name="maxAnswerTokens"/> more tokens. The caller's
    /// <paramref name="stops"/> are deferred: armed by the close marker (sampled, or forced at the budget), so only the
    /// answer's text can match them.</summary>
    public SamplingOptions ForThoughtAndAnswer(SamplingOptions s, int budget, int maxAnswerTokens, int[] wrapUp, IReadOnlyList<string>? stops) => s with
    {
        MaxTokens = budget + maxAnswerTokens,
        StopTokens = EndTokens,
        Stop = EndStrings.Length > 0 ? EndStrings : null,
        Force = new ForcedTokens(budget, [.. wrapUp, .. Close, .. AfterClose], CloseIsOneToken ? [Close[0]] : null),
        // A close marker spelt in several tokens is only recognised when forced (as AgentRun does)
        Deferred = stops is { Count: > 0 } ? new DeferredStop(stops, CloseIsOneToken ? [Close[0]] : []) : null,
    };

    /// <summary>An answer alone (Instant, an answer after a closed thought, refinement): the caller's stops apply from the start.</summary>
    public SamplingOptions ForAnswer(SamplingOptions s, int maxTokens, IReadOnlyList<string>? stops) => s with
    {
        MaxTokens = maxTokens,
        StopTokens = EndTokens,
        Stop = EndStrings.Length > 0 || stops is { Count: > 0 } ? [.. EndStrings, .. stops ?? []] : null,
    };
}
