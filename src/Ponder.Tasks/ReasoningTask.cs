namespace Ponder.Tasks;

/// <summary>A verifiable reasoning task: a seeded generator at graded levels, reference scratchpads, and
/// <see cref="Evaluate"/>, the one function that scores a reply for eval and for RL rewards alike.</summary>
public abstract class ReasoningTask
{
    const int MaxDrawsPerSplit = 10_000;

    /// <summary>Registry name, lowercase with hyphens, e.g. "addition".</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings: what a problem looks like and what a level means.</summary>
    public abstract string Description { get; }

    public abstract TaskLevels Levels { get; }

    /// <summary>Draws one problem at <paramref name="level"/>; deterministic for the state of <paramref name="random"/>.</summary>
    public Problem Generate(int level, Random random)
    {
        if (!Levels.Contains(level))
            throw new ArgumentException(
                $"Task '{Name}' has no level {level}; valid levels are {Levels.Min}..{Levels.MaxOutOfDistribution} ({Levels}).",
                nameof(level));
        var draft = Create(level, random);
        var answerLine = random.Next(10) < 7 ? $"The answer is {draft.Answer}." : draft.Answer;
        return new Problem(Name, level, draft.Id, draft.Question, draft.Answer, draft.Kind, draft.Solution,
            answerLine, SplitAssigner.Assign(Name, draft.Id), draft.Verbosity);
    }

    /// <summary>Draws until the problem falls in <paramref name="split"/>, so each split's generator only ever yields its own problems.</summary>
    public Problem Generate(int level, Random random, Split split)
    {
        for (var draw = 0; draw < MaxDrawsPerSplit; draw++)
        {
            var problem = Generate(level, random);
            if (problem.Split == split) return problem;
        }
        throw new InvalidOperationException(
            $"Task '{Name}' level {level} produced no {split} problem in {MaxDrawsPerSplit} draws; its problem space is too small for that split.");
    }

    /// <summary>Scores <paramref name="reply"/> (thinking and answer, or the answer alone) against the problem's canonical answer.</summary>
    public Score Evaluate(Problem problem, string reply)
    {
        if (problem.Task != Name)
            throw new ArgumentException($"Problem belongs to task '{problem.Task}', not '{Name}'; evaluate it with that task.", nameof(problem));
        var extracted = AnswerExtractor.Extract(reply, problem.Kind);
        return new Score(extracted is not null && AnswerExtractor.Matches(extracted, problem.Answer, problem.Kind),
            extracted, problem.Answer);
    }

    /// <summary>Builds one problem: canonical id, question in a drawn phrasing, answer, and scratchpad at a drawn verbosity.</summary>
    protected abstract ProblemDraft Create(int level, Random random);
}

/// <summary>What a task builds; <see cref="ReasoningTask.Generate(int, Random)"/> adds the answer line and the split.</summary>
public sealed record ProblemDraft(string Id, string Question, string Answer, AnswerKind Kind, string Solution, Verbosity Verbosity);
