using System.Text.RegularExpressions;

namespace Ponder.Cli.Tests;

/// <summary>`ponder chat "question"` on real tiny models: each mode prints its answer and a usage line, and output
/// that is not a terminal carries no ANSI escapes.</summary>
public class ChatOneShotTests
{
    static readonly Regex UsageLine = new(@"^usage: prompt (\d+) tokens, reasoning (\d+), answer (\d+).*; [\d.]+ s, [\d.]+ tokens/s$", RegexOptions.Multiline);

    static string[] Args(string model, string mode, params string[] more) =>
        ["chat", "What is 12 + 7?", "--model", model, "--mode", mode, "--seed", "3", "--think-budget", "12", "--max-tokens", "8",
         "--agents", "3", "--context", "1024", .. more];

    [Theory]
    [InlineData("instant")]
    [InlineData("thinking")]
    [InlineData("contemplating")]
    public async Task One_shot_prints_the_answer_and_token_usage_in_every_mode(string mode)
    {
        var run = await CliRun.InProcess(Args(ChatModels.Ponder, mode));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.Contains("profile ponder", run.Out);
        Assert.Contains("\nanswer: ", run.Out);
        var usage = UsageLine.Match(run.Out);
        Assert.True(usage.Success, run.ToString());
        var (prompt, reasoning) = (int.Parse(usage.Groups[1].Value), int.Parse(usage.Groups[2].Value));
        Assert.True(prompt > 5);
        switch (mode)
        {
            case "instant":
                Assert.Equal(0, reasoning);
                Assert.DoesNotContain("thinking: ", run.Out);
                break;
            case "thinking":
                Assert.Contains("thinking: ", run.Out);
                Assert.InRange(reasoning, 1, 12); // a random model rarely closes its thought: the budget does
                break;
            case "contemplating":
                Assert.Contains("vote: 3 agents ran", run.Out);
                Assert.Matches(@"agent [0-2]: (answered|stopped early)", run.Out);
                Assert.InRange(reasoning, 3, 36);
                break;
        }
    }

    [Fact]
    public async Task Redirected_output_is_plain_text_without_ANSI_escapes()
    {
        var run = await CliRun.ChildProcess(Args(ChatModels.Ponder, "contemplating"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Out + run.Error);
        Assert.Matches(UsageLine, run.Out);
        Assert.Contains("vote: 3 agents ran", run.Out);
    }

    [Fact]
    public async Task Stories260K_runs_instant_as_plain_completion()
    {
        var model = SharedFixtures.Stories260K;
        var run = await CliRun.InProcess("chat", "Once upon a time", "--model", model, "--seed", "1", "--max-tokens", "16");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("profile completion", run.Out);
        Assert.Contains("mode instant", run.Out); // a family that cannot think defaults to instant
        Assert.Matches(UsageLine, run.Out);
    }

    [Fact]
    public async Task Thinking_on_a_family_that_cannot_think_says_which_modes_work()
    {
        var model = SharedFixtures.Stories260K;
        var run = await CliRun.InProcess("chat", "Once upon a time", "--model", model, "--mode", "thinking");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("only mode Instant works", run.Error);
    }
}
