namespace Ponder.Model.Llama;

/// <summary>How the next token is chosen. Temperature 0 is greedy (argmax); TopK 0 and TopP 1 switch those filters
/// off. The seed makes sampling reproducible.</summary>
public sealed record SamplingOptions(float Temperature = 0f, int TopK = 0, float TopP = 1f, long Seed = 0)
{
    public static SamplingOptions Greedy { get; } = new();
}
