using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Tasks;

namespace Ponder.Training;

/// <summary>A fixed set of validation problems (the same for every evaluation of a run, drawn from the Validation
/// split round-robin over the task mix), scored per mode by greedy generation that stops at &lt;|end|&gt;.
/// The answer is the text after &lt;/think&gt;: a Thinking reply that never closes its thought has not answered.</summary>
public sealed class ValidationSet(IReadOnlyList<Problem> problems)
{
    public IReadOnlyList<Problem> Problems { get; } = problems;

    public static ValidationSet Build(TaskMix mix, int count, int seed)
    {
        var random = new Random(unchecked(seed * 7919 + 17));
        var problems = new List<Problem>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = mix.Entries[i % mix.Entries.Count];
            problems.Add(entry.Task.Generate(random.Next(entry.MinLevel, entry.MaxLevel + 1), random, Split.Validation));
        }
        return new ValidationSet(problems);
    }

    /// <summary>Fraction of problems answered correctly in <paramref name="mode"/>, the same per task (so a run shows
    /// which task holds it back), and the first problem's reply (printed in the log so a researcher sees what the
    /// model actually writes).</summary>
    public (double Accuracy, IReadOnlyDictionary<string, double> ByTask, string FirstReply) Accuracy(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize = 32)
    {
        if (Problems.Count == 0) return (double.NaN, new Dictionary<string, double>(), "");
        string? first = null;
        var correct = 0;
        var byTask = Problems.Select(p => p.Task).Distinct().ToDictionary(t => t, _ => (Correct: 0, Total: 0));
        Score(model, tokenizer, mode, maxNewTokens, batchSize, (i, text, ok) =>
        {
            first ??= text;
            if (ok) correct++;
            var (c, n) = byTask[Problems[i].Task];
            byTask[Problems[i].Task] = (c + (ok ? 1 : 0), n + 1);
        });
        return ((double)correct / Problems.Count,
            byTask.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Correct / kv.Value.Total), first ?? "");
    }

    /// <summary>Whether each problem is answered correctly in <paramref name="mode"/> (greedy), in order.</summary>
    public bool[] Correct(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize = 32)
    {
        var verdicts = new bool[Problems.Count];
        Score(model, tokenizer, mode, maxNewTokens, batchSize, (i, _, ok) => verdicts[i] = ok);
        return verdicts;
    }

    void Score(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize,
        Action<int, string, bool> onReply)
    {
        var instant = mode == TrainingMode.Instant;
        var end = tokenizer.Vocabulary.Id(PonderChatFormat.End);
        using var sampler = new LlamaSampler(SamplingOptions.Greedy);
        var index = 0;
        foreach (var chunk in Problems.Chunk(batchSize))
        {
            var prompts = chunk.Select(p => tokenizer.Encode(PonderChatFormat.Prompt(p.Question, instant), true, true)).ToList();
            var limit = Math.Min(maxNewTokens, model.Config.ContextLength - prompts.Max(p => p.Length));
            var replies = model.Generate(prompts, limit, sampler, end);
            for (var i = 0; i < chunk.Length; i++, index++)
            {
                var text = tokenizer.Decode(replies[i], renderSpecial: true);
                onReply(index, text, AnswerOf(text, instant) is { } answer && TaskRegistry.Default.Evaluate(chunk[i], answer).Correct);
            }
        }
    }

    static string? AnswerOf(string reply, bool instant)
    {
        reply = reply.Replace(PonderChatFormat.End, "");
        if (instant) return reply;
        var close = reply.LastIndexOf(PonderChatFormat.ThinkClose, StringComparison.Ordinal);
        return close < 0 ? null : reply[(close + PonderChatFormat.ThinkClose.Length)..];
    }
}
