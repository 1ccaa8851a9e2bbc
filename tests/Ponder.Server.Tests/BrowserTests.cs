using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ponder.Server.Tests;

/// <summary>The chat page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; Playwright's own
/// browser download is not needed): one message per mode, then the rendered answer, thinking panel, per-agent
/// progress and token counts are checked, and a screenshot is saved. Skips, saying why, where Chromium is absent.</summary>
public sealed class BrowserTests(ServerApp server) : IClassFixture<ServerApp>
{
    const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task A_message_in_each_mode_renders_answer_thinking_and_token_counts()
    {
        if (!File.Exists(Chromium))
        {
            var reason = $"skipped: {Chromium} is not installed (apt-get install chromium; .ci/run does this)";
            Console.WriteLine(reason);
            Assert.Skip(reason);
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-extensions", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        await page.GotoAsync(server.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("#model option")).ToHaveCountAsync(1);
        await page.FillAsync("#budget", "12");

        string[] modes = ["instant", "thinking", "contemplating"];
        for (var i = 0; i < modes.Length; i++)
        {
            await page.CheckAsync($"input[name=mode][value={modes[i]}]");
            if (modes[i] == "contemplating") await page.FillAsync("#agents", "2"); // enabled in that mode only
            await page.FillAsync("#prompt", $"Turn {i + 1}: what is {i + 2} + {i + 3}?");
            await page.PressAsync("#prompt", "Enter");

            var message = page.Locator(".msg.assistant").Nth(i);
            var stats = message.Locator(".stats");
            await Assertions.Expect(stats).ToHaveTextAsync(new Regex(@"\d+ prompt · \d+ reasoning · \d+ answer tokens · first token \d+ ms · total \d+ ms"), new() { Timeout = 60_000 });
            var counts = Regex.Match(await stats.InnerTextAsync(), @"(\d+) prompt · (\d+) reasoning · (\d+) answer");
            Assert.True(int.Parse(counts.Groups[1].Value) > 0);
            Assert.True(int.Parse(counts.Groups[3].Value) > 0, "no answer tokens");
            Assert.False(await message.Locator(".answer").EvaluateAsync<bool>("e => e.classList.contains('error')"), await message.Locator(".answer").InnerTextAsync());
            var thinking = message.Locator(".thinking");
            if (modes[i] == "instant")
            {
                Assert.Equal("0", counts.Groups[2].Value);
                await Assertions.Expect(thinking).ToBeHiddenAsync();
            }
            else
            {
                Assert.True(int.Parse(counts.Groups[2].Value) > 0, "no reasoning tokens");
                await Assertions.Expect(thinking).ToBeVisibleAsync();
                Assert.NotEmpty(await thinking.Locator(".text").TextContentAsync() ?? "");
            }
            if (modes[i] == "contemplating")
            {
                await Assertions.Expect(message.Locator(".agents .bar")).ToHaveCountAsync(2);
                await Assertions.Expect(message.Locator(".summary")).ToContainTextAsync("2 agents");
            }
        }
        // The conversation is kept across turns: the third request carried all five earlier messages.
        await Assertions.Expect(page.Locator(".msg.user")).ToHaveCountAsync(3);

        var shot = Path.Combine(AppContext.BaseDirectory, "ponder-chat.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Console.WriteLine($"screenshot: {shot}");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {shot}");
        Assert.True(new FileInfo(shot).Length > 10_000);
    }
}
