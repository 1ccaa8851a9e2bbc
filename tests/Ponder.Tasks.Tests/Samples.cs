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
}
