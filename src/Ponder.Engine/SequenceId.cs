namespace Ponder.Engine;

/// <summary>A generation sequence, unique for the engine's lifetime (not the llama.cpp sequence slot, which is reused).</summary>
public readonly record struct SequenceId(long Value)
{
    public override string ToString() => $"seq#{Value}";
}
