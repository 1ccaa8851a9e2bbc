namespace Ponder.Engine;

/// <summary>One of the most likely tokens at a position, with its log-probability under the raw model distribution.</summary>
public readonly record struct TopLogProb(int Token, string Text, float LogProb);
