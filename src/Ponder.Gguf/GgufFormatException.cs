namespace Ponder.Gguf;

/// <summary>A GGUF file that Ponder refuses to load. The message names the offset, key or tensor at fault
/// and what was expected there; nothing native has seen the file when this is thrown.</summary>
public sealed class GgufFormatException(string message, string? path = null) : Exception(path is null ? message : $"{path}: {message}")
{
    public string? Path { get; } = path;
}
