using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Tasks;

namespace Ponder.Training.Compression;

/// <summary>Samples a group of completions per problem in Thinking mode — every sample of every prompt in one batch
/// with the KV cache (LlamaModel.Generate) — and scores each one with the task's own Evaluate, the function eval uses.
/// A thought still open after MaxThinkingTokens is stopped there (the model did not close it, so it has not answered:
/// incorrect, like a thought that ends the turn without &lt;/think&gt;); an answer may take MaxAnswerTokens.</summary>
public sealed class Rollout(LlamaModel model, SentencePieceTokenizer tokenizer, CompressConfig config)
{
    readonly int end = tokenizer.Vocabulary.Id(PonderChatFormat.End);
    readonly int close = tokenizer.Vocabulary.Id(PonderChatFormat.ThinkClose);

    /// <summary>Token limit of one completion.</summary>
    public int MaxNewTokens => config.MaxThinkingTokens + config.MaxAnswerTokens;

    public int[] PromptTokens(Problem problem) =>
        tokenizer.Encode(PonderChatFormat.Prompt(problem.Question), addSpecial: true, parseSpecial: true);

    /// <summary>GroupSize samples of each problem, group by group (Sample.Group is the problem's index).</summary>
    public IReadOnlyList<Sample> Run(IReadOnlyList<Problem> problems, long seed)
    {
        var g = config.GroupSize;
        var prompts = problems.Select(PromptTokens).ToList();
        var batch = prompts.SelectMany(p => Enumerable.Repeat(p, g)).ToList(); // (P·G) prompts, group-major
        var thought = new int[batch.Count];   // tokens sampled so far inside the thought
        var answer = new int[batch.Count];    // tokens sampled since </think>; -1 while the thought is open
        Array.Fill(answer, -1);
        bool StopsAfter(int row, int token)
        {
            if (answer[row] >= 0) return token == end || ++answer[row] >= config.MaxAnswerTokens;
            thought[row]++;
            if (token == close) { answer[row] = 0; return false; }
            return token == end || thought[row] >= config.MaxThinkingTokens;
        }

        using var sampler = new LlamaSampler(new SamplingOptions((float)config.Temperature, Seed: seed));
        var completions = model.Generate(batch, MaxNewTokens, sampler, StopsAfter);
        var samples = new List<Sample>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var problem = problems[i / g];
            var tokens = completions[i];
            var reasoning = ValidationSet.ReasoningTokens(tokens, close);
            var closed = reasoning <= tokens.Length && reasoning > 0 && tokens[reasoning - 1] == close;
            var correct = closed && Correct(problem, tokens.AsSpan(reasoning).ToArray());
            samples.Add(new Sample(i / g, batch[i], tokens, reasoning, tokens.Length - reasoning, closed, correct));
        }
        return samples;
    }

    bool Correct(Problem problem, int[] answerTokens)
    {
        var text = tokenizer.Decode(answerTokens, renderSpecial: true).Replace(PonderChatFormat.End, "");
        return TaskRegistry.Default.Evaluate(problem, text).Correct;
    }

    /// <summary>The text of a completion, control tokens shown (for the log).</summary>
    public string Text(Sample sample) => tokenizer.Decode(sample.Completion, renderSpecial: true);
}
