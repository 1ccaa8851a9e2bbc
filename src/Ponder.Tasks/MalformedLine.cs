namespace Ponder.Tasks;

/// <summary>A dataset line that could not be read: its 1-based number and why.</summary>
public sealed record MalformedLine(int LineNumber, string Reason)
{
    public override string ToString() => $"line {LineNumber}: {Reason}";
}
