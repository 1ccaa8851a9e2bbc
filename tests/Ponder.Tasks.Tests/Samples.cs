namespace Ponder.Tasks.Tests;

/// <summary>Shared sampling helpers: every task by name for theories, and seeded batches of problems.</summary>
public static class Samples
{
    public static TheoryData<string> TaskNames => new(TaskRegistry.Default.Names);

    public static ReasoningTask Task(string name) => TaskRegistry.Default.Get(name);

    public static List<Problem> Draw(ReasoningTask task, int level, int count, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => task.Generate(level, random)).ToList();
    }

    /// <summary><paramref name="count"/> problems at every level of the task, level by level, each level drawn with
    /// seed <paramref name="seed"/> + level (the same problems as <see cref="Draw"/> with that seed).</summary>
    public static IEnumerable<Problem> AtEveryLevel(ReasoningTask task, int count, int seed) =>
        task.Levels.All.SelectMany(level => Draw(task, level, count, seed + level));
}
