namespace Ponder.Tasks;

/// <summary>One generated problem.</summary>
/// <param name="Task">The task's registry name, e.g. "addition".</param>
/// <param name="Level">Difficulty level (see <see cref="TaskLevels"/>).</param>
/// <param name="Id">Canonical content (operands, structure; never the phrasing): the same problem asked another way has the same Id.</param>
/// <param name="Question">The user's question, in one of the task's phrasings.</param>
/// <param name="Answer">Canonical final answer, e.g. "936", "-378", "12.5", "3, 17, 42", "true".</param>
/// <param name="Kind">How the answer is extracted and compared.</param>
/// <param name="Solution">The reference thinking: a step-by-step scratchpad, without think tags.</param>
/// <param name="AnswerLine">What to say after thinking, e.g. "The answer is 936." or "936".</param>
/// <param name="Split">Train, validation or test, from a stable hash of Task and Id.</param>
/// <param name="Verbosity">How elaborate <paramref name="Solution"/> is.</param>
public sealed record Problem(
    string Task, int Level, string Id, string Question, string Answer, AnswerKind Kind,
    string Solution, string AnswerLine, Split Split, Verbosity Verbosity)
{
    /// <summary>The reference reply as plain text: the thinking, then the answer line.</summary>
    public string ReferenceReply => Solution + "\n" + AnswerLine;
}
