using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Tasks;

namespace Ponder.Training;

/// <summary>A fixed set of validation problems (the same for every evaluation of a run, drawn from the Validation
/// split round-robin over the mix's tasks), scored per mode by greedy generation that stops at &lt;|end|&gt;.
/// The answer is the text after &lt;/think&gt;: a Thinking reply that never closes its thought has not answered.</summary>
public sealed class ValidationSet(IReadOnlyList<Problem> problems)
{
    public IReadOnlyList<Problem> Problems { get; } = problems;

    /// <summary>Each task of the mix in turn, at a level drawn uniformly from those the mix trains it on. Weights and
    /// the way a task's levels are split into entries ("multiplication:1-2*0.4,multiplication:3-4*0.6") shape the
    /// training data only: validation measures every task and level equally, as the test split does, so runs with
    /// differently weighted mixes of the same tasks and levels are validated on the same problems.</summary>
    public static ValidationSet Build(TaskMix mix, int count, int seed)
    {
        var tasks = mix.Entries.GroupBy(e => e.Task.Name, StringComparer.Ordinal)
            .Select(g => (g.First().Task, Levels: g.SelectMany(e => Enumerable.Range(e.MinLevel, e.MaxLevel - e.MinLevel + 1))
                .Distinct().Order().ToArray()))
            .ToList();
        var random = new Random(unchecked(seed * 7919 + 17));
        var problems = new List<Problem>(count);
        for (var i = 0; i < count; i++)
        {
            var (task, levels) = tasks[i % tasks.Count];
            problems.Add(task.Generate(levels[random.Next(levels.Length)], random, Split.Validation));
        }
        return new ValidationSet(problems);
    }

    /// <summary>Fraction of problems answered correctly in <paramref name="mode"/>, the same per task (so a run shows
    /// which task holds it back), the reasoning tokens spent, and the first problem's reply (printed in the log so a
    /// researcher sees what the model actually writes).</summary>
    public ValidationResult Accuracy(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize = 32)
    {
        if (Problems.Count == 0) return new(double.NaN, new Dictionary<string, double>(), "", double.NaN, double.NaN);
        string? first = null;
        var close = tokenizer.Vocabulary.Id(PonderChatFormat.ThinkClose);
        var instant = mode == TrainingMode.Instant;
        var correct = 0;
        long reasoning = 0, reasoningWhenCorrect = 0;
        var byTask = Problems.Select(p => p.Task).Distinct().ToDictionary(t => t, _ => (Correct: 0, Total: 0));
        Score(model, tokenizer, mode, maxNewTokens, batchSize, (i, text, reply, ok) =>
        {
            first ??= text;
            var thought = instant ? 0 : ReasoningTokens(reply, close);
            reasoning += thought;
            if (ok) { correct++; reasoningWhenCorrect += thought; }
            var (c, n) = byTask[Problems[i].Task];
            byTask[Problems[i].Task] = (c + (ok ? 1 : 0), n + 1);
        });
        return new((double)correct / Problems.Count,
            byTask.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Correct / kv.Value.Total), first ?? "",
            (double)reasoning / Problems.Count, correct > 0 ? (double)reasoningWhenCorrect / correct : double.NaN);
    }

    /// <summary>Whether each problem is answered correctly in <paramref name="mode"/> (greedy), in order.</summary>
    public bool[] Correct(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize = 32)
    {
        var verdicts = new bool[Problems.Count];
        Score(model, tokenizer, mode, maxNewTokens, batchSize, (i, _, _, ok) => verdicts[i] = ok);
        return verdicts;
    }

    /// <summary>Tokens the model spent thinking: up to and including its &lt;/think&gt; (as the reasoning layer counts
    /// them), or every token of a reply that never closed its thought.</summary>
    public static int ReasoningTokens(IReadOnlyList<int> reply, int thinkClose)
    {
        for (var i = 0; i < reply.Count; i++)
            if (reply[i] == thinkClose) return i + 1;
        return reply.Count;
    }

    /// <summary>Greedy replies to every problem, each passed to <paramref name="onReply"/> as (index, text, tokens, correct).</summary>
    void Score(LlamaModel model, SentencePieceTokenizer tokenizer, TrainingMode mode, int maxNewTokens, int batchSize,
        Action<int, string, int[], bool> onReply)
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
                onReply(index, text, replies[i], AnswerOf(text, instant) is { } answer && TaskRegistry.Default.Evaluate(chunk[i], answer).Correct);
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
