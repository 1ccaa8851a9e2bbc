namespace Ponder.Engine;

/// <summary>Generation behind one interface, so the reasoning layer does not care where tokens come from.
/// <see cref="InferenceLoop"/> is the embedded implementation (llama.cpp in process); a remote one (an
/// OpenAI-compatible server) can implement forks as parallel requests over a prefix-cached prompt.</summary>
public interface IGenerationEngine : IAsyncDisposable
{
    /// <summary>Starts a sequence; tokens arrive on the returned stream as they are produced.</summary>
    GenerationStream Generate(GenerationRequest request, CancellationToken cancellationToken = default);

    int[] Tokenize(string text, bool addBos = true);

    string Detokenize(IEnumerable<int> tokens);

    /// <summary>One token's bytes as the model's vocabulary spells it (control tokens as their text); for log-probability
    /// reports, where a token may hold part of a UTF-8 character.</summary>
    byte[] TokenBytes(int token);
}
