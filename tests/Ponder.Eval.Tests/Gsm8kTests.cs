using Ponder.Tasks;

namespace Ponder.Eval.Tests;

public sealed class Gsm8kTests
{
    [Fact]
    public void Every_answer_of_the_real_GSM8K_test_file_is_extracted_and_scored()
    {
        var path = SharedFixtures.Gsm8kTest;
        var suite = Suite.Parse($"gsm8k:{path}", 1, 0, 1).Single();
        Assert.Equal("gsm8k", suite.Name);
        Assert.Equal(1319, suite.Items.Count);
        Assert.Empty(suite.Malformed);
        var raw = JsonlDatasetLoader.LoadGsm8k(path).Items;
        var workedWrong = new List<int>();
        foreach (var (item, row) in suite.Items.Zip(raw))
        {
            Assert.Matches(@"^-?\d+(\.\d+)?$", item.Expected);
            // A reply ending "The answer is N." scores; a wrong number does not. The worked solution ("… #### N") scores
            // too, except where its prose says "the answer" before the end ("express the answer as a percentage: 32 …"):
            // the extractor then takes the number after that phrase, as it would in a model's reply.
            if (!item.Evaluate(row.FullAnswer).Correct) workedWrong.Add(row.LineNumber);
            Assert.True(item.Evaluate($"Let me see.\nThe answer is {item.Expected}.").Correct, $"line {row.LineNumber}");
            Assert.False(item.Evaluate($"The answer is {item.Expected}1.").Correct, $"line {row.LineNumber}");
        }
        Console.WriteLine($"GSM8K: {suite.Items.Count - workedWrong.Count} of {suite.Items.Count} worked solutions scored correct; not: lines {string.Join(", ", workedWrong)}");
        Assert.True(workedWrong.Count <= suite.Items.Count / 100, $"worked solutions not scored correct at lines {string.Join(", ", workedWrong)}");
        // Numbers written with thousands separators and dollar signs still match.
        var first = suite.Items.First(i => i.Expected.Length >= 4);
        Assert.True(first.Evaluate($"The answer is ${long.Parse(first.Expected):N0}.").Correct);
    }
}
