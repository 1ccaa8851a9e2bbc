namespace Ponder.Tasks;

/// <summary>One question from a JSONL dataset: the question, its final answer (normalised by the dataset's
/// <see cref="DatasetAnswerFormat"/>), the full answer text (GSM8K's worked solution), and where it came from.</summary>
public sealed record DatasetItem(string Question, string Answer, string FullAnswer, int LineNumber)
{
    /// <summary>Numeric answers are compared as numbers (so "1,000" and "1000.0" match "1000"); others as text.</summary>
    public AnswerKind Kind => IsNumber(Answer) ? AnswerKind.Number : AnswerKind.Text;

    public Score Evaluate(string reply)
    {
        var extracted = AnswerExtractor.Extract(reply, Kind);
        return new Score(extracted is not null && AnswerExtractor.Matches(extracted, Answer, Kind), extracted, Answer);
    }

    static bool IsNumber(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^[-−]?\$?[\d,]*\d(\.\d+)?(/\d+)?$");
}
