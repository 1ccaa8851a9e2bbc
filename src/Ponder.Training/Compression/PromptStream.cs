using Ponder.Tasks;

namespace Ponder.Training.Compression;

/// <summary>The RL prompts as a pure function of (seed, step), like SFT's data stream: step s draws PromptsPerStep
/// problems from the Train split (a task entry chosen uniformly, then a level in its range) with a generator seeded by
/// both, and its sampling seed likewise, so a resumed run samples exactly what an uninterrupted one would.</summary>
public sealed class PromptStream(TaskMix mix, int seed, int promptsPerStep)
{
    public IReadOnlyList<Problem> ProblemsForStep(int step)
    {
        var random = new Random(unchecked(seed * 1_000_003 + step * 7919 + 424_242));
        var problems = new List<Problem>(promptsPerStep);
        for (var i = 0; i < promptsPerStep; i++)
        {
            var entry = mix.Entries[mix.Pick(random)];
            problems.Add(entry.Task.Generate(random.Next(entry.MinLevel, entry.MaxLevel + 1), random, Split.Train));
        }
        return problems;
    }

    public long SamplingSeedForStep(int step) => unchecked((long)seed * 2_654_435_761L + step * 40_503L + 1);
}
