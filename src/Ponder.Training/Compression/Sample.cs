namespace Ponder.Training.Compression;

/// <summary>One sampled completion of a prompt in Thinking mode, scored. Completion holds every token the model
/// generated after the prompt (thought, &lt;/think&gt;, answer, &lt;|end|&gt;); ReasoningTokens counts the thought up to
/// and including &lt;/think&gt; (as the reasoning layer and eval count it), AnswerTokens the rest. A sample that never
/// closed its thought within the budget has Closed false and is incorrect.</summary>
public sealed record Sample(int Group, int[] Prompt, int[] Completion, int ReasoningTokens, int AnswerTokens, bool Closed, bool Correct);
