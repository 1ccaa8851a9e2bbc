using Ponder.Model.Tokenizer;

namespace Ponder.Training;

/// <summary>One tokenised chat exchange. Tokens [0, PromptLength) are the prompt (BOS, the user turn, the assistant
/// marker, &lt;think&gt; and, for Instant, &lt;/think&gt;); the loss is taken only on the tokens after it.</summary>
public sealed record SftExample(int[] Tokens, int PromptLength, TrainingMode Mode, string Source)
{
    public int Length => Tokens.Length;

    /// <summary>Builds the exchange in Ponder's chat format. For Instant the empty thought is part of the prompt (as
    /// at inference, where the engine prefills it), so the model is never taught to close its thinking on its own
    /// at once — in Thinking mode it must always think.</summary>
    public static SftExample Build(SentencePieceTokenizer tokenizer, string question, string reasoning, string answerLine,
        TrainingMode mode, string source)
    {
        var instant = mode == TrainingMode.Instant;
        var prompt = PonderChatFormat.Prompt(question, instant);
        var text = instant ? prompt + answerLine + PonderChatFormat.End : PonderChatFormat.Exchange(question, reasoning, answerLine);
        var promptTokens = tokenizer.Encode(prompt, addSpecial: true, parseSpecial: true);
        var tokens = tokenizer.Encode(text, addSpecial: true, parseSpecial: true);
        // The prompt ends in a control token, so tokenisation cannot merge across the boundary; check it anyway,
        // since a shifted boundary would silently train on prompt tokens.
        if (tokens.Length <= promptTokens.Length || !tokens.AsSpan(0, promptTokens.Length).SequenceEqual(promptTokens))
            throw new InvalidOperationException($"the prompt's tokens are not a prefix of the exchange's tokens ({source}).");
        return new SftExample(tokens, promptTokens.Length, mode, source);
    }
}
