using Ponder.Tasks;

namespace Ponder.Eval;

/// <summary>One question of a suite: its index within the suite (stable for a seed), its difficulty level (null for
/// datasets, which have none), whether that level lies beyond training, and the function that scores a reply —
/// the task's own <c>Evaluate</c>, the one RL rewards call too.</summary>
public sealed record EvalItem(string Suite, int Index, int? Level, bool OutOfDistribution, string Question, string Expected,
    Func<string, Score> Evaluate);
