namespace Ponder.Engine;

/// <summary>Why a sequence ended: a stop string or end-of-generation token, its token limit (or the context's),
/// the caller's cancellation, or an engine error (the event's <see cref="TokenEvent.Error"/> says which).</summary>
public enum FinishReason { Stop, Length, Cancelled, Error }
