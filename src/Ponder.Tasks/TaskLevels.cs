namespace Ponder.Tasks;

/// <summary>A task's difficulty levels: Min..MaxTrained are trained on; MaxTrained+1..MaxOutOfDistribution exist only
/// to measure generalisation beyond training.</summary>
public sealed record TaskLevels(int Min, int MaxTrained, int MaxOutOfDistribution)
{
    public IEnumerable<int> Trained => Enumerable.Range(Min, MaxTrained - Min + 1);
    public IEnumerable<int> OutOfDistribution => Enumerable.Range(MaxTrained + 1, MaxOutOfDistribution - MaxTrained);
    public IEnumerable<int> All => Enumerable.Range(Min, MaxOutOfDistribution - Min + 1);
    public bool Contains(int level) => level >= Min && level <= MaxOutOfDistribution;
    public bool IsTrained(int level) => level >= Min && level <= MaxTrained;

    public override string ToString() =>
        $"trained {Min}..{MaxTrained}, out-of-distribution {MaxTrained + 1}..{MaxOutOfDistribution}";
}
