namespace Ponder.Eval;

/// <summary>The output folder holds a run of another configuration; mixing their items would make every number wrong.</summary>
public sealed class ConfigMismatchException(string message) : Exception(message);
