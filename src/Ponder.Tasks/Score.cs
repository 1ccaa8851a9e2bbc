namespace Ponder.Tasks;

/// <summary>The verdict on one reply: what was extracted, and whether it matches the canonical answer.
/// Eval reports it and the RL reward is built from it.</summary>
public sealed record Score(bool Correct, string? Extracted, string Expected)
{
    public bool Answered => Extracted is not null;
}
