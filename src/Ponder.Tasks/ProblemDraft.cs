namespace Ponder.Tasks;

/// <summary>What a task builds; <see cref="ReasoningTask.Generate(int, Random)"/> adds the answer line and the split.</summary>
public sealed record ProblemDraft(string Id, string Question, string Answer, AnswerKind Kind, string Solution, Verbosity Verbosity);
