namespace Ponder.Engine;

/// <summary>A prompt that does not fit the context. Ponder never truncates a prompt silently.</summary>
public sealed class PromptTooLongException(int promptTokens, int contextSize)
    : Exception($"the prompt is {promptTokens} tokens but the context holds {contextSize}; shorten the prompt or raise ContextSize (at most the model's trained context).")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextSize { get; } = contextSize;
}
