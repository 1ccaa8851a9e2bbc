using Ponder.Model.Tokenizer;
using Ponder.Tasks;

namespace Ponder.Training;

/// <summary>The training data, as a pure function of (seed, step): step s draws its problems from a generator seeded
/// by both, so a resumed run sees exactly the batches an uninterrupted one would, and the data-stream position to
/// checkpoint is just the step. Problems come from the Train split only; a Thinking or Instant target is drawn per
/// problem. Each step holds at least BatchTokens tokens, sorted by length into micro-batches (padded size at most
/// MicroBatchLimit) so short Instant examples are not padded to the length of long Thinking ones.</summary>
public sealed class SftDataStream
{
    const int MaxRedraws = 100;
    readonly TrainConfig config;
    readonly TaskMix mix;
    readonly IReadOnlyList<DatasetItem> dataset;
    readonly SentencePieceTokenizer tokenizer;

    public SftDataStream(TrainConfig config, TaskMix mix, SentencePieceTokenizer tokenizer, IReadOnlyList<DatasetItem>? dataset = null)
    {
        this.config = config;
        this.mix = mix;
        this.tokenizer = tokenizer;
        this.dataset = dataset ?? [];
    }

    /// <summary>Examples that did not fit in the context and were replaced by another draw, so far.</summary>
    public int TooLong { get; private set; }

    public IReadOnlyList<SftExample> ExamplesForStep(int step)
    {
        var random = new Random(unchecked(config.Seed * 1_000_003 + step));
        var examples = new List<SftExample>();
        var tokens = 0;
        while (tokens < config.BatchTokens)
        {
            var example = Draw(random);
            examples.Add(example);
            tokens += example.Length;
        }
        return examples;
    }

    public IReadOnlyList<MicroBatch> BatchesForStep(int step)
    {
        var sorted = ExamplesForStep(step).OrderBy(e => e.Length).ToList(); // stable: ties keep draw order
        var batches = new List<MicroBatch>();
        var current = new List<SftExample>();
        foreach (var e in sorted)
        {
            // Sorted ascending, so e is the longest so far: the padded size is (rows + 1) · e.Length.
            if (current.Count > 0 && (current.Count + 1) * e.Length > config.MicroBatchLimit)
            {
                batches.Add(MicroBatch.Pack(current));
                current = [];
            }
            current.Add(e);
        }
        if (current.Count > 0) batches.Add(MicroBatch.Pack(current));
        return batches;
    }

    SftExample Draw(Random random)
    {
        for (var attempt = 0; attempt < MaxRedraws; attempt++)
        {
            var mode = random.NextDouble() < config.ThinkingFraction ? TrainingMode.Thinking : TrainingMode.Instant;
            var pick = mix.Pick(random, dataset.Count > 0 ? 1 : 0);
            SftExample example;
            if (pick < mix.Entries.Count)
            {
                var entry = mix.Entries[pick];
                var problem = entry.Task.Generate(random.Next(entry.MinLevel, entry.MaxLevel + 1), random, Split.Train);
                example = SftExample.Build(tokenizer, problem.Question, problem.Solution, problem.AnswerLine, mode,
                    $"{problem.Task}:{problem.Level}");
            }
            else
            {
                var item = dataset[random.Next(dataset.Count)];
                var reasoning = item.FullAnswer.Split("####")[0].Trim();
                example = SftExample.Build(tokenizer, item.Question, reasoning, $"The answer is {item.Answer}.", mode,
                    $"dataset:{item.LineNumber}");
            }
            if (example.Length <= config.Context) return example;
            TooLong++;
        }
        throw new TrainConfigException($"{MaxRedraws} examples in a row were longer than the context of {config.Context} tokens; raise --context or train on lower levels.");
    }
}
