namespace Ponder.Engine;

/// <summary>llama.cpp refused a model that passed Ponder's own GGUF validation; the message carries llama.cpp's
/// own error lines (its real cause), captured from the native log.</summary>
public sealed class EngineLoadException(string message, Exception? inner = null) : Exception(message, inner);
