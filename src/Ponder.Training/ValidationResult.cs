namespace Ponder.Training;

/// <summary>One mode's greedy validation: accuracy overall and per task, the first reply, and mean reasoning tokens
/// per problem and per correct answer (NaN when none is correct; 0 for Instant).</summary>
public sealed record ValidationResult(double Accuracy, IReadOnlyDictionary<string, double> ByTask, string FirstReply,
    double MeanReasoningTokens, double MeanReasoningTokensCorrect);
