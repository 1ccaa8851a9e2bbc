using Ponder.Reasoning.Answers;

namespace Ponder.Reasoning.Tests;

public sealed class AnswerTests
{
    [Theory]
    [InlineData("so 12 × 7 = 84.\nAnswer: 84", "84")]
    [InlineData("We get \\boxed{\\frac{3}{4}} in the end", "3/4")]
    [InlineData("The answer is 1,250.", "1250")]
    [InlineData("Final answer: 0.50", "1/2")]
    [InlineData("Answer: 2/4", "1/2")]
    [InlineData("Answer: -3.0", "-3")]
    [InlineData("Answer: −7", "-7")]
    [InlineData("**42**", "42")]
    [InlineData("$17", "17")]
    [InlineData("Thinking...\n\nThe Eiffel Tower.", "eiffel tower")]
    [InlineData("answer is   Paris!", "paris")]
    [InlineData("\\boxed{x^{2}+1}", "x^{2}+1")]
    [InlineData("", "")]
    public void Answers_are_extracted_and_normalised(string text, string key) =>
        Assert.Equal(key, AnswerNormalizer.Key(text));

    [Fact]
    public void The_last_marker_wins()
    {
        Assert.Equal("9", AnswerNormalizer.Key("Answer: 8 — no wait.\nAnswer: 9"));
        Assert.Equal("5", AnswerNormalizer.Key("The answer is 4? Let me check. Answer: 5"));
    }

    [Fact]
    public void Confidence_outweighs_numbers_in_the_vote()
    {
        VoteCandidate[] votes =
        [
            new(0, "12", "12", 1.0), new(1, "12.0", "12", 1.0), new(2, "13", "13", 5.0), new(3, "", "", 9.0),
        ];
        var outcome = WeightedVote.Decide(votes)!;
        Assert.Equal("13", outcome.Key);
        Assert.Equal(1, outcome.Agreed);
        Assert.Equal(5.0 / 7.0, outcome.Share, 9);
        Assert.Equal(2, outcome.Groups.Count); // the empty answer does not vote
    }

    [Fact]
    public void Equal_answers_pool_their_confidence()
    {
        VoteCandidate[] votes = [new(0, "1/2", "1/2", 2.0), new(1, "0.5", "1/2", 2.0), new(2, "3", "3", 3.0)];
        var outcome = WeightedVote.Decide(votes)!;
        Assert.Equal("1/2", outcome.Key);
        Assert.Equal(2, outcome.Agreed);
        Assert.Equal("1/2", outcome.Answer); // the earliest of the equally confident members speaks for the group
        Assert.Null(WeightedVote.Decide([]));
    }
}
