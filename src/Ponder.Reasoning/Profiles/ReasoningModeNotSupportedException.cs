namespace Ponder.Reasoning.Profiles;

/// <summary>The chosen profile cannot run the requested mode (plain completion cannot think).</summary>
public sealed class ReasoningModeNotSupportedException(string message) : InvalidOperationException(message);
