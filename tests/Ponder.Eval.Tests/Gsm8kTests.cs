using Ponder.Tasks;

namespace Ponder.Eval.Tests;

public sealed class Gsm8kTests
{
    [Fact]
    public void Every_answer_of_the_real_GSM8K_test_file_is_extracted_and_scored()
    {
        var path = SharedDatasets.Require("gsm8k/test.jsonl");
        var suite = Suite.Parse($"gsm8k:{path}", 1, 0, 1).Single();
        Assert.Equal("gsm8k", suite.Name);
        Assert.Equal(1319, suite.Items.Count);
        Assert.Empty(suite.Malformed);
        var raw = JsonlDatasetLoader.LoadGsm8k(path).Items;
        foreach (var (item, row) in suite.Items.Zip(raw))
        {
            Assert.Matches(@"^-?\d+(\.\d+)?$", item.Expected);
            // A model that writes the worked solution GSM8K-style, or ends with "The answer is N.", scores; a wrong number does not.
            Assert.True(item.Evaluate(row.FullAnswer).Correct, $"line {row.LineNumber}: worked solution not scored correct");
            Assert.True(item.Evaluate($"Let me see.\nThe answer is {item.Expected}.").Correct, $"line {row.LineNumber}");
            Assert.False(item.Evaluate($"The answer is {item.Expected}1.").Correct, $"line {row.LineNumber}");
        }
        // Numbers written with thousands separators and dollar signs still match.
        var first = suite.Items.First(i => i.Expected.Length >= 4);
        Assert.True(first.Evaluate($"The answer is ${long.Parse(first.Expected):N0}.").Correct);
    }
}
