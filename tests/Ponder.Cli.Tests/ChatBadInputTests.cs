namespace Ponder.Cli.Tests;

/// <summary>Bad input ends as one line on stderr and exit code 1: broken model files get Ponder's validation message
/// (never a native crash), impossible parameters name the option and its valid range, and a prompt longer than the
/// context is refused, never truncated.</summary>
public class ChatBadInputTests
{
    static void AssertOneLineError(CliRun.Outcome run, string expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(expected, run.Error);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("ponder: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
    }

    [Fact]
    public async Task A_missing_model_file_is_named()
    {
        var run = await CliRun.InProcess("chat", "hi", "--model", "/nonexistent/model.gguf");
        AssertOneLineError(run, "/nonexistent/model.gguf does not exist");
    }

    public static TheoryData<string> BrokenFiles => ["not-gguf", "truncated-header", "truncated-tensors", "corrupt-header"];

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_model_file_gets_Ponders_validation_message(string kind)
    {
        var path = kind switch
        {
            "not-gguf" => ChatModels.NotGguf(),
            "truncated-header" => ChatModels.Truncated(0.001),
            "truncated-tensors" => ChatModels.Truncated(0.6),
            _ => ChatModels.CorruptHeader(),
        };
        var run = await CliRun.InProcess("chat", "hi", "--model", path);
        AssertOneLineError(run, "invalid GGUF file");
    }

    [Theory]
    [InlineData("--agents", "0", "--agents is '0'; expected an integer from 1 to 63")]
    [InlineData("--agents", "64", "--agents is '64'; expected an integer from 1 to 63")]
    [InlineData("--think-budget", "-1", "--think-budget is '-1'; expected an integer from 0")]
    [InlineData("--temperature", "-0.5", "--temperature is '-0.5'; expected a number from 0")]
    [InlineData("--top-p", "0", "--top-p is '0'; expected a number in (0, 1]")]
    [InlineData("--top-p", "1.5", "--top-p is '1.5'; expected a number from 0 to 1")]
    [InlineData("--mode", "deep", "--mode is 'deep'; expected instant, thinking or contemplating")]
    [InlineData("--profile", "nope", "--profile: unknown profile 'nope'; valid profiles: ponder, chatml")]
    public async Task An_impossible_parameter_is_named_with_its_valid_range(string option, string value, string expected)
    {
        var run = await CliRun.InProcess("chat", "hi", "--model", ChatModels.Ponder, option, value);
        AssertOneLineError(run, expected);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused()
    {
        var question = string.Join(" ", Enumerable.Repeat("seven plus eight", 40));
        var run = await CliRun.InProcess("chat", question, "--model", ChatModels.Ponder, "--context", "64");
        AssertOneLineError(run, "but --context is 64; shorten the question or raise --context");
    }

    [Fact]
    public async Task A_thinking_budget_that_cannot_fit_says_what_would()
    {
        var run = await CliRun.InProcess("chat", "hi", "--model", ChatModels.Ponder, "--mode", "contemplating",
            "--agents", "4", "--think-budget", "500", "--max-tokens", "16", "--context", "1024");
        AssertOneLineError(run, "--think-budget 500 does not fit");
    }
}
