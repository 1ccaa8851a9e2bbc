namespace Ponder.Eval;

/// <summary>The metrics of one cell (model × mode × suite). Accuracy has a 95% Wilson interval. Tokens: reasoning
/// (mean and median per item), answer (mean), output = reasoning + answer (total and mean), and output tokens per
/// correct answer (null when none is correct). Latency is per item; TokensPerSecond is output tokens over the summed
/// item latencies, the rate one request sees (the run's own wall clock and throughput are in the summary).
/// Agreement (share of agents that agreed with the winner) and EarlyStopRate (share of agents cut by the confidence
/// gate) are set for Contemplating only. Levels breaks accuracy down by difficulty for task suites.</summary>
public sealed record CellSummary(
    string Cell, string Model, string Mode, string Suite, int Items, int Correct, double Accuracy, double AccuracyLow, double AccuracyHigh,
    double MeanReasoningTokens, double MedianReasoningTokens, double MeanAnswerTokens, long OutputTokens, double MeanOutputTokens,
    double? TokensPerCorrect, double SecondsTotal, double MeanSeconds, double TokensPerSecond,
    double? Agreement, double? EarlyStopRate, IReadOnlyList<LevelSummary> Levels);

/// <summary>Accuracy at one difficulty level of a task suite, and the reasoning tokens spent there: in all replies and
/// in the correct ones (so pools of levels can report reasoning tokens per correct answer).</summary>
public sealed record LevelSummary(int Level, bool OutOfDistribution, int Items, int Correct, double Accuracy, double AccuracyLow, double AccuracyHigh,
    long ReasoningTokens = 0, long CorrectReasoningTokens = 0);

/// <summary>The Ponder Index of one model in one mode: mean accuracy over the core suites (each suite counts once,
/// whatever its size), beside the output tokens spent on them. Complete is false while a core suite has no items yet.</summary>
public sealed record IndexRow(string Model, string Mode, double Index, int Suites, int Items, long OutputTokens, double MeanOutputTokens, bool Complete);
