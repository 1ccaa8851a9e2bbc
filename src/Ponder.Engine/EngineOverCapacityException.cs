namespace Ponder.Engine;

/// <summary>The engine could not take a request: every sequence slot or KV cell was in use and the wait queue was
/// full, or the request waited longer than the queue timeout. Retry later, or raise MaxSequences / ContextSize.</summary>
public sealed class EngineOverCapacityException(string message) : Exception(message);
