namespace Ponder.Tasks;

/// <summary>What the dataset loader does with a line it cannot read.</summary>
public enum MalformedLinePolicy
{
    /// <summary>Leave it out and report it in <see cref="DatasetLoadResult.Malformed"/>.</summary>
    Skip,
    /// <summary>Throw <see cref="DatasetFormatException"/> at the first one.</summary>
    Stop,
}
