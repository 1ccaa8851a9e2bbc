namespace Ponder.Tasks.Tests;

public class ReferenceSolutionTests
{
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Reference_replies_are_scored_correct_at_every_level(string name)
    {
        var task = Samples.Task(name);
        foreach (var level in task.Levels.All)
        foreach (var (problem, i) in Samples.Draw(task, level, task.Levels.IsTrained(level) ? 1000 : 100, seed: level).Select((p, i) => (p, i)))
        {
            var score = task.Evaluate(problem, problem.ReferenceReply);
            Assert.True(score.Correct, $"{name} level {level}: extracted '{score.Extracted}', expected '{problem.Answer}'\n{problem.ReferenceReply}");
            if (i % 10 == 0) Assert.True(task.Evaluate(problem, $"<think>\n{problem.Solution}\n</think>\n{problem.AnswerLine}").Correct);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void A_reference_thought_with_a_wrong_final_answer_is_scored_wrong(string name)
    {
        var task = Samples.Task(name);
        foreach (var problem in Samples.Draw(task, task.Levels.MaxTrained, 300))
        {
            var wrong = problem.Kind switch
            {
                AnswerKind.Boolean => problem.Answer == "true" ? "false" : "true",
                AnswerKind.NumberList => string.Join(", ", problem.Answer.Split(", ").Reverse()),
                _ => (decimal.Parse(problem.Answer) + 1).ToString(),
            };
            if (wrong == problem.Answer) continue; // a one-element list reversed
            Assert.False(task.Evaluate(problem, $"{problem.Solution}\nThe answer is {wrong}.").Correct, problem.ReferenceReply);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Scratchpads_never_say_answer_so_only_the_answer_line_is_taken_as_the_answer(string name)
    {
        var task = Samples.Task(name);
        foreach (var level in task.Levels.All)
            Assert.All(Samples.Draw(task, level, 150), p => Assert.DoesNotContain("answer", p.Solution, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The trainer redraws examples longer than its 1,024-token context, so at the hardest trained level nine
    /// in ten questions with their thoughts must stay within it: 1,200 characters, as column work runs about 1.2
    /// characters a token (word problems at level 4: 90th percentile 1,152 characters, 885 thought tokens).</summary>
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Nine_in_ten_thoughts_at_the_hardest_trained_level_fit_the_training_context(string name)
    {
        var task = Samples.Task(name);
        var lengths = Samples.Draw(task, task.Levels.MaxTrained, 2000).Select(p => p.Question.Length + p.Solution.Length)
            .Order().ToList();
        Assert.True(lengths[lengths.Count * 9 / 10] <= 1200, $"90th percentile {lengths[lengths.Count * 9 / 10]} characters");
    }
}
