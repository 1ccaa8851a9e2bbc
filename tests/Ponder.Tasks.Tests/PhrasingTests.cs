using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public class PhrasingTests
{
    static List<string> Questions(ReasoningTask task, int count = 1200) =>
        Samples.Draw(task, task.Levels.MaxTrained, count).Select(p => p.Question).ToList();

    /// <summary>The question with its numbers blanked: two questions with the same shape used the same template.</summary>
    static string Shape(string question) => Regex.Replace(question, @"\d+", "#");

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Questions_come_in_many_phrasings(string name)
    {
        var task = Samples.Task(name);
        var shapes = Questions(task).Select(Shape).Distinct().Count();
        Assert.True(shapes >= 25, $"only {shapes} distinct question shapes");
    }

    [Fact]
    public void Arithmetic_is_asked_the_ways_people_ask()
    {
        var questions = Questions(new AdditionTask()).Concat(Questions(new SubtractionTask())).Concat(Questions(new MultiplicationTask())).ToList();
        Assert.Contains(questions, q => Regex.IsMatch(q, @"^What is \d+ \+ \d+\?$"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"^\d+\+\d+=$"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"^Compute \d+ × \d+\.$"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"^how much is \d+ minus \d+$"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"\d+ plus \d+"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"\d+ ?\* ?\d+"));
        Assert.Contains(questions, q => Regex.IsMatch(q, @"\d+ x \d+"));
        Assert.Contains(questions, q => q.Contains("please", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(questions, q => q.Any(char.IsLetter) && q == q.ToUpperInvariant());
        Assert.Contains(questions, q => q.Any(char.IsLetter) && q == q.ToLowerInvariant());
    }

    [Fact]
    public void The_same_seed_phrases_the_same_problem_the_same_way_but_the_same_problem_can_be_asked_differently()
    {
        var task = new AdditionTask();
        var byId = Samples.Draw(task, 1, 3000).GroupBy(p => p.Id).ToList();
        Assert.Contains(byId, g => g.Select(p => p.Question).Distinct().Count() > 1);
        Assert.Equal(Questions(task, 100), Questions(task, 100));
    }
}
