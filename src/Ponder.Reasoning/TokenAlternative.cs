namespace Ponder.Reasoning;

/// <summary>One of the most likely tokens at a position (see <see cref="TokenLogProb"/>).</summary>
public sealed record TokenAlternative(int Token, byte[] Bytes, float LogProb);
