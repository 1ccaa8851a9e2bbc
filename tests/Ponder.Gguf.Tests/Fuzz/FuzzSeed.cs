namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>One valid GGUF to mutate, with its header fields mapped.</summary>
public sealed record FuzzSeed(string Name, byte[] Bytes)
{
    public GgufFieldMap Map { get; } = GgufFieldMap.Of(Bytes);
}
