namespace Ponder.Tasks.Tests;

public class JsonlDatasetLoaderTests
{
    [Fact]
    public void Gsm8k_test_set_loads_all_1319_questions_with_their_final_answers()
    {
        var result = JsonlDatasetLoader.LoadGsm8k(SharedFixtures.Gsm8kTest, MalformedLinePolicy.Stop);
        Assert.Equal(1319, result.Items.Count);
        Assert.Empty(result.Malformed);
        Assert.StartsWith("Janet’s ducks lay 16 eggs per day.", result.Items[0].Question);
        Assert.Equal(["18", "3", "70000", "540", "20"], result.Items.Take(5).Select(i => i.Answer));
        Assert.All(result.Items, i => Assert.DoesNotContain(",", i.Answer));
        Assert.All(result.Items, i => Assert.Equal(AnswerKind.Number, i.Kind));
        Assert.Equal(Enumerable.Range(1, 1319), result.Items.Select(i => i.LineNumber));
    }

    [Fact]
    public void A_gsm8k_item_scores_a_reply_by_its_final_answer()
    {
        var item = JsonlDatasetLoader.LoadGsm8k(SharedFixtures.Gsm8kTest).Items[2];
        Assert.True(item.Evaluate("He makes a profit of $70,000.").Correct);
        Assert.False(item.Evaluate("The answer is 7000.").Correct);
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_reported_with_their_line_numbers()
    {
        using var file = new TemporaryFile(
            """{"question": "What is 2 + 2?", "answer": "2 + 2 = 4\n#### 4"}""",
            """{"question": "broken", "answer": """,
            "",
            """{"question": "No marker", "answer": "5"}""",
            """["question", "answer"]""",
            """{"answer": "#### 7"}""",
            """{"question": "Big", "answer": "#### 1,234", "extra": 1}""");
        var result = JsonlDatasetLoader.LoadGsm8k(file.Path, MalformedLinePolicy.Skip);
        Assert.Equal(["4", "1234"], result.Items.Select(i => i.Answer));
        Assert.Equal([1, 7], result.Items.Select(i => i.LineNumber));
        Assert.Equal([2, 4, 5, 6], result.Malformed.Select(m => m.LineNumber));
        Assert.Contains("invalid JSON", result.Malformed[0].Reason);
        Assert.Contains("####", file.Path.Length > 0 ? result.Malformed[1].Reason + "####" : "");
        Assert.Contains("question", result.Malformed[3].Reason);
    }

    [Fact]
    public void Stopping_at_a_malformed_line_throws_with_its_line_number_and_what_to_do()
    {
        using var file = new TemporaryFile("""{"question": "ok", "answer": "#### 1"}""", "not json");
        var error = Assert.Throws<DatasetFormatException>(() => JsonlDatasetLoader.LoadGsm8k(file.Path, MalformedLinePolicy.Stop));
        Assert.Equal(2, error.Line.LineNumber);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("MalformedLinePolicy.Skip", error.Message);
    }

    [Fact]
    public void Generic_question_answer_files_use_a_named_answer_format()
    {
        using var file = new TemporaryFile(
            """{"question": "Capital of France?", "answer": "Paris"}""",
            """{"question": "6 × 7?", "answer": "The answer is \\boxed{42}."}""");
        var verbatim = JsonlDatasetLoader.Load(file.Path, DatasetAnswerFormat.FromName("verbatim"));
        Assert.Equal("Paris", verbatim.Items[0].Answer);
        Assert.True(verbatim.Items[0].Evaluate("The answer is paris.").Correct);
        var extracted = JsonlDatasetLoader.Load(file.Path, DatasetAnswerFormat.FromName("extracted"));
        Assert.Equal("42", extracted.Items[1].Answer);
        var error = Assert.Throws<ArgumentException>(() => DatasetAnswerFormat.FromName("squad"));
        Assert.Contains("gsm8k", error.Message);
    }

    sealed class TemporaryFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ponder-tasks-{Guid.NewGuid():N}.jsonl");
        public TemporaryFile(params string[] lines) => File.WriteAllLines(Path, lines);
        public void Dispose() => File.Delete(Path);
    }
}
