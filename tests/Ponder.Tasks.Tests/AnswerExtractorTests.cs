namespace Ponder.Tasks.Tests;

public class AnswerExtractorTests
{
    [Theory]
    [InlineData("The answer is 936.", "936")]
    [InlineData("936", "936")]
    [InlineData("Answer: 936", "936")]
    [InlineData("answer = 936", "936")]
    [InlineData("So we get \\boxed{936}.", "936")]
    [InlineData("The final answer is 1,234,567.", "1234567")]
    [InlineData("The answer is -378.", "-378")]
    [InlineData("The answer is −378", "-378")]
    [InlineData("It costs $12.50.", "12.5")]
    [InlineData("The answer is 12.50", "12.5")]
    [InlineData("The answer is 3/4.", "0.75")]
    [InlineData("The answer is 6/8", "0.75")]
    [InlineData("The answer is 2/6", "1/3")]
    [InlineData("The answer is 10/4", "2.5")]
    [InlineData("347 + 589 = 936", "936")]
    [InlineData("First 12, then 40, and finally 936", "936")]
    [InlineData("The answer is 936, since 347 + 589 = 936 and not 900.", "936")]
    [InlineData("<think>\n347 + 589: maybe 900?\n</think>\nThe answer is 936.", "936")]
    [InlineData("<think>\nThe answer is 12.\n</think>\n936", "936")]
    [InlineData("The answer is 0.", "0")]
    [InlineData("Answer: 347 + 589 = 936", "936")]
    [InlineData("The answer is 936.\nThat is because 347 + 589 = 936 = 900 + 36.", "936")]
    public void Numbers_are_extracted_and_normalised(string reply, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(reply, AnswerKind.Number));

    [Theory]
    [InlineData("The answer is 9360.")]
    [InlineData("The answer is 936.5")]
    [InlineData("The answer is 93.")]
    [InlineData("936 is what I first thought, but the answer is 937.")]
    [InlineData("347 + 589 = 936? No: 347 + 589 = 926")]
    [InlineData("The answer is -936.")]
    [InlineData("\\boxed{963}")]
    public void Near_misses_and_earlier_numbers_are_not_accepted_for_936(string reply)
    {
        var extracted = AnswerExtractor.Extract(reply, AnswerKind.Number);
        Assert.NotNull(extracted);
        Assert.False(AnswerExtractor.Matches(extracted, "936", AnswerKind.Number), $"'{reply}' was accepted as 936");
    }

    [Theory]
    [InlineData("")]
    [InlineData("I am not sure.")]
    [InlineData("<think>\n347 + 589 = 936")]
    public void A_reply_without_an_answer_extracts_nothing(string reply) =>
        Assert.Null(AnswerExtractor.Extract(reply, AnswerKind.Number));

    [Theory]
    [InlineData("The answer is 3, 17, 42.", "3, 17, 42")]
    [InlineData("3,17,42", "3, 17, 42")]
    [InlineData("first 42 then\n3 17 42", "3, 17, 42")]
    [InlineData("\\boxed{3, 17, 1,042}", "3, 17, 1042")]
    public void Lists_are_extracted_in_order(string reply, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(reply, AnswerKind.NumberList));

    [Fact]
    public void A_list_in_another_order_or_with_a_missing_number_does_not_match()
    {
        Assert.False(AnswerExtractor.Matches("17, 3, 42", "3, 17, 42", AnswerKind.NumberList));
        Assert.False(AnswerExtractor.Matches("3, 17", "3, 17, 42", AnswerKind.NumberList));
    }

    [Theory]
    [InlineData("The answer is true.", "true")]
    [InlineData("So the expression is false.\nFalse", "false")]
    [InlineData("Answer: TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("not (true and false) is true, so the answer is false", "false")]
    public void Booleans_are_extracted(string reply, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(reply, AnswerKind.Boolean));

    [Fact]
    public void Text_answers_compare_case_insensitively_without_trailing_periods()
    {
        Assert.Equal("Paris", AnswerExtractor.Extract("The answer is Paris.", AnswerKind.Text));
        Assert.True(AnswerExtractor.Matches("paris", "Paris", AnswerKind.Text));
    }
}
