namespace Ponder.Tasks.Tests;

public class VerbosityTests
{
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Every_verbosity_is_drawn_and_terse_thoughts_are_much_shorter_than_elaborate_ones(string name)
    {
        var task = Samples.Task(name);
        var byVerbosity = Samples.Draw(task, task.Levels.MaxTrained, 600).GroupBy(p => p.Verbosity)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Solution.Length));
        Assert.Equal(3, byVerbosity.Count);
        Assert.True(byVerbosity[Verbosity.Terse] < byVerbosity[Verbosity.Normal]);
        Assert.True(byVerbosity[Verbosity.Normal] < byVerbosity[Verbosity.Elaborate]);
        // Long multiplication's column work is most of every variant, so its ratio is the smallest (about 1.5).
        Assert.True(byVerbosity[Verbosity.Terse] * 1.4 < byVerbosity[Verbosity.Elaborate],
            $"terse {byVerbosity[Verbosity.Terse]:F0} vs elaborate {byVerbosity[Verbosity.Elaborate]:F0} characters on average");
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Correct_thoughts_of_many_lengths_exist_at_one_level(string name)
    {
        var task = Samples.Task(name);
        var lengths = Samples.Draw(task, task.Levels.MaxTrained, 600).Select(p => p.Solution.Length).ToList();
        Assert.True(lengths.Max() >= 2.5 * lengths.Min(), $"lengths {lengths.Min()}..{lengths.Max()}");
        Assert.True(lengths.Distinct().Count() >= 30, $"only {lengths.Distinct().Count()} distinct lengths");
    }

    [Fact]
    public void Elaborate_thoughts_restate_the_question_recheck_a_step_and_check_the_result()
    {
        var problem = Samples.Draw(new AdditionTask(), 4, 200).First(p => p.Verbosity == Verbosity.Elaborate);
        Assert.StartsWith("We need", problem.Solution);
        Assert.Contains("double-check", problem.Solution);
        Assert.Contains("Check by subtracting", problem.Solution);
    }
}
