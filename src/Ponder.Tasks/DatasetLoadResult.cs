namespace Ponder.Tasks;

/// <summary>The items read from a dataset file, and the lines that were skipped (empty when the policy is Stop).</summary>
public sealed record DatasetLoadResult(string Path, IReadOnlyList<DatasetItem> Items, IReadOnlyList<MalformedLine> Malformed);
