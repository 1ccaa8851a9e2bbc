namespace Ponder.Tasks;

/// <summary>A dataset line could not be read and the caller chose <see cref="MalformedLinePolicy.Stop"/>.</summary>
public sealed class DatasetFormatException(string path, MalformedLine line)
    : Exception($"{path}, {line}. Fix the line, or load with MalformedLinePolicy.Skip to leave such lines out and report them.")
{
    public string Path { get; } = path;
    public MalformedLine Line { get; } = line;
}
