namespace Ponder.Tasks.Tests;

public class GeneratorDeterminismTests
{
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Generating_with_the_same_seed_gives_the_same_problems(string name)
    {
        var task = Samples.Task(name);
        foreach (var level in task.Levels.All)
            Assert.Equal(Samples.Draw(task, level, 50, seed: 42), Samples.Draw(task, level, 50, seed: 42));
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Different_seeds_give_different_problems(string name)
    {
        var task = Samples.Task(name);
        var level = task.Levels.MaxTrained;
        Assert.NotEqual(Samples.Draw(task, level, 20, seed: 1).Select(p => p.Id), Samples.Draw(task, level, 20, seed: 2).Select(p => p.Id));
    }
}
