namespace Ponder.Engine;

/// <summary>What a sequence produced at one step. <see cref="Text"/> is the text released with this token: it can be
/// empty while a multi-byte character or a possible stop string is held back, and longer when held text is released.
/// The last event of a sequence carries <see cref="Finish"/>; an event that ends a sequence without a new token
/// (cancellation, error) has <see cref="Token"/> null. <see cref="Forced"/> marks a token the engine fed itself
/// (<see cref="SamplingOptions.Force"/>), not one it sampled: its LogProb is 0. <see cref="Withheld"/> marks a sampled token
/// whose text is not the caller's: the end-of-generation or stop token that ended the sequence, or a token whose text
/// lies entirely in (or after) the stop string that ended it. Withheld tokens count as generated; their Text is empty.
/// While stop strings are set, an event waits until its text is known not to start one, so events can arrive a few
/// tokens late, several at once.</summary>
public sealed record TokenEvent(
    int? Token, string Text, float LogProb, IReadOnlyList<TopLogProb>? TopLogProbs,
    FinishReason? Finish = null, string? Error = null, bool Forced = false, bool Withheld = false)
{
    public bool IsFinal => Finish is not null;
}
