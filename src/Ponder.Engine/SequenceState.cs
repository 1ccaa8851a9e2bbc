namespace Ponder.Engine;

/// <summary>Where a sequence is in the loop: waiting for a slot and cells, feeding its prompt in chunks,
/// decoding one token per step, or done (its slot and cells released).</summary>
internal enum SequenceState { Queued, Prefilling, Decoding, Finished }
