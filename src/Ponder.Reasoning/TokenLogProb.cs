namespace Ponder.Reasoning;

/// <summary>A token the model sampled, with its log-probability and the most likely tokens at its position (best first,
/// as many as the request's TopLogProbs), all under the model's raw distribution (before temperature and filters).
/// Bytes are the token as the vocabulary spells it (control tokens as their text); a byte-fallback token can hold part
/// of a UTF-8 character, so join neighbours' bytes before decoding.</summary>
public sealed record TokenLogProb(int Token, byte[] Bytes, float LogProb, IReadOnlyList<TokenAlternative> TopLogProbs);
