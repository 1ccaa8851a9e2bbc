using System.Diagnostics;
using System.Text.Json;

namespace Ponder.Eval.Tests;

/// <summary>`ponder eval` in a child process (the CLI's ponder.dll beside the tests), SIGKILLed mid-run, then resumed.</summary>
public sealed class KillResumeTests
{
    [Fact]
    public async Task A_run_killed_mid_way_resumes_with_no_item_lost_or_repeated()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = TinyModels.TempFolder("kill");
        var items = Path.Combine(dir, RunFolder.ItemsFile);
        string[] args = ["eval", "--models", TinyModels.Ponder, "--suites", "addition", "--modes", "thinking@48", "--count", "12",
            "--answer-tokens", "8", "--concurrency", "2", "--threads", "1", "--out", dir];
        var planned = 9 * 12; // addition has levels 1..9

        using (var first = Start(args))
        {
            var drain = first.StandardOutput.ReadToEndAsync(ct); // keep the pipe from filling
            var clock = Stopwatch.StartNew();
            while (Lines(items) < 5)
            {
                Assert.False(first.HasExited, $"the run ended before it could be killed (exit {(first.HasExited ? first.ExitCode : 0)}): {(first.HasExited ? await first.StandardError.ReadToEndAsync(ct) : "")}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "no items after 3 minutes");
                await Task.Delay(10, ct);
            }
            first.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flush
            await first.WaitForExitAsync(ct);
        }
        var before = File.ReadAllText(items);
        var completeBefore = before.Split('\n').SkipLast(1).ToList(); // the last piece may be torn
        Assert.InRange(completeBefore.Count, 5, planned - 1);

        using (var second = Start(args))
        {
            var stdout = second.StandardOutput.ReadToEndAsync(ct);
            var stderr = second.StandardError.ReadToEndAsync(ct);
            await second.WaitForExitAsync(ct);
            Assert.True(second.ExitCode == 0, $"resume failed: {await stderr}\n{await stdout}");
            Assert.Contains("already done", await stdout);
        }
        var after = File.ReadAllLines(items);
        Assert.Equal(planned, after.Length);
        var keys = after.Select(l => JsonSerializer.Deserialize<ItemRecord>(l, ItemRecord.Json)!).Select(r => (r.Cell, r.Index)).ToList();
        Assert.Equal(planned, keys.Distinct().Count());
        Assert.Equal(completeBefore, after.Take(completeBefore.Count)); // nothing done before the kill was lost or rewritten
    }

    static int Lines(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    static Process Start(string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "ponder.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing; the test project references Ponder.Cli to get it");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The test host's runtime config and dependency list: they cover the CLI's, and bring the ASP.NET Core framework
        // whose logging assemblies the CLI's own runtime config (Microsoft.NETCore.App only) would not find here.
        var host = Path.Combine(AppContext.BaseDirectory, "Ponder.Eval.Tests");
        foreach (var a in new[] { "exec", "--runtimeconfig", host + ".runtimeconfig.json", "--depsfile", host + ".deps.json" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }
}
