using System.Text.RegularExpressions;

namespace Ponder.Cli.Tests;

/// <summary>`ponder chat` without a question reads turns from stdin and keeps the conversation.</summary>
public class ChatReplTests
{
    static int[] PromptTokens(string output) =>
        Regex.Matches(output, @"^usage: prompt (\d+) tokens", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToArray();

    static string[] Args => ["chat", "--model", ChatModels.Ponder, "--mode", "instant", "--seed", "5", "--max-tokens", "6", "--context", "1024"];

    [Fact]
    public async Task The_second_turn_sees_the_first_exchange()
    {
        var run = await CliRun.WithInput("What is 2 + 2?\nAnd 3 + 3?\n/history\n", Args);

        Assert.True(run.ExitCode == 0, run.ToString());
        var prompts = PromptTokens(run.Out);
        Assert.Equal(2, prompts.Length);
        // The second prompt holds the first question, the first answer and the second question.
        Assert.True(prompts[1] > prompts[0] + 8, run.ToString());
        Assert.Contains("user: What is 2 + 2?", run.Out);
        Assert.Contains("user: And 3 + 3?", run.Out);
    }

    [Fact]
    public async Task Reset_forgets_the_conversation_and_commands_change_the_mode()
    {
        var run = await CliRun.WithInput("What is 2 + 2?\n/reset\n/mode thinking\n/budget 4\nWhat is 2 + 2?\n/exit\nnever asked\n", Args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("thinking: ", run.Out);
        Assert.DoesNotContain("never asked", run.Out);
        var usage = Regex.Matches(run.Out, @"^usage: prompt (\d+) tokens, reasoning (\d+)", RegexOptions.Multiline);
        Assert.Equal(2, usage.Count);
        Assert.InRange(int.Parse(usage[1].Groups[2].Value), 1, 4); // the /budget held
    }

    [Fact]
    public async Task A_bad_command_or_parameter_is_reported_and_the_conversation_goes_on()
    {
        var run = await CliRun.WithInput("/agents 0\n/frobnicate\nWhat is 1 + 1?\n", Args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ponder: --agents is '0'; expected an integer from 1 to 63", run.Error);
        Assert.Contains("ponder: unknown command '/frobnicate'", run.Error);
        Assert.Single(PromptTokens(run.Out));
    }
}
