namespace Ponder.Tasks.Tests;

public class LevelTests
{
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Out_of_distribution_levels_continue_past_the_hardest_trained_level(string name)
    {
        var task = Samples.Task(name);
        Assert.NotEmpty(task.Levels.OutOfDistribution);
        Assert.All(task.Levels.OutOfDistribution, level => Assert.True(level > task.Levels.MaxTrained && !task.Levels.IsTrained(level)));
        var hardestTrained = Samples.Draw(task, task.Levels.MaxTrained, 200).Average(p => p.Solution.Length);
        var hardest = Samples.Draw(task, task.Levels.MaxOutOfDistribution, 200).Average(p => p.Solution.Length);
        Assert.True(hardest > hardestTrained, $"level {task.Levels.MaxOutOfDistribution} is not harder than {task.Levels.MaxTrained}");
    }

    [Fact]
    public void Multiplication_reaches_four_by_four_digits_at_the_hardest_trained_level_and_five_digits_beyond()
    {
        var task = new MultiplicationTask();
        Assert.Equal(4, task.Levels.MaxTrained);
        var operands = Samples.Draw(task, 4, 500).Select(p => p.Id.Split('*').Select(o => o.Length).ToArray()).ToList();
        Assert.Contains(operands, o => o[0] == 4 && o[1] == 4);
        Assert.All(operands, o => Assert.True(o.Max() <= 4));
        Assert.All(Samples.Draw(task, 5, 100), p => Assert.Contains(p.Id.Split('*'), o => o.Length == 5));
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void An_impossible_level_is_an_argument_error_naming_the_valid_levels(string name)
    {
        var task = Samples.Task(name);
        foreach (var level in new[] { task.Levels.Min - 1, task.Levels.MaxOutOfDistribution + 1, -5 })
        {
            var error = Assert.Throws<ArgumentException>(() => task.Generate(level, new Random(1)));
            Assert.Contains($"{task.Levels.Min}..{task.Levels.MaxOutOfDistribution}", error.Message);
        }
    }

    [Fact]
    public void An_unknown_task_name_is_an_argument_error_listing_the_valid_tasks()
    {
        var error = Assert.Throws<ArgumentException>(() => TaskRegistry.Default.Get("division"));
        Assert.Contains("division", error.Message);
        foreach (var name in TaskRegistry.Default.Names) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void The_registry_holds_every_required_kind_of_task_and_finds_them_case_insensitively()
    {
        Assert.Equal(["addition", "subtraction", "multiplication", "arithmetic-expression", "word-problem", "comparison", "boolean-logic"],
            TaskRegistry.Default.Names);
        Assert.IsType<AdditionTask>(TaskRegistry.Default.Get("Addition"));
    }

    [Fact]
    public void Evaluating_a_problem_with_another_task_is_an_argument_error()
    {
        var problem = new AdditionTask().Generate(2, new Random(1));
        Assert.Throws<ArgumentException>(() => new MultiplicationTask().Evaluate(problem, problem.ReferenceReply));
        Assert.True(TaskRegistry.Default.Evaluate(problem, problem.ReferenceReply).Correct);
    }
}
