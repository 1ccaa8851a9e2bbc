namespace Ponder.Engine;

/// <summary>Stop strings that apply only to the text after an arming point: after the sequence samples one of
/// <see cref="ArmTokens"/>, or once its forced tokens (<see cref="SamplingOptions.Force"/>) have been fed, whichever
/// comes first. Text before that point is never matched against them. This is how a caller's stop strings end an
/// answer without ending the thought before it, when thought and answer are one sequence (the arming token is the
/// close-of-thought marker, which the budget's forced tokens also end with).</summary>
public sealed record DeferredStop(IReadOnlyList<string> Strings, IReadOnlyList<int> ArmTokens);
