using Ponder.Eval.Backends;
using Ponder.Reasoning;

namespace Ponder.Eval.Tests;

/// <summary>The remote client's failure paths, against <see cref="OpenAiStub"/> (a Kestrel app speaking the same wire
/// format as Ponder's server, which can fail on demand). The real server is measured in <see cref="PonderServerTests"/>.</summary>
public sealed class RemoteTests
{
    static readonly RemoteOptions Fast = new(MaxAttempts: 3, FirstDelay: TimeSpan.FromMilliseconds(10));

    static (EvalConfig, IReadOnlyList<Suite>) Grid(OpenAiStub stub, string dir, int concurrency = 1) =>
        (new EvalConfig(["boolean-logic"], [ModeSpec.Parse("instant"), ModeSpec.Parse("thinking@32"), ModeSpec.Parse("contemplating-4@16")],
            [ModelSpec.Remote(stub.Url, "ponder-stub", "sk-test")], CountPerLevel: 1, Concurrency: concurrency, Output: dir),
         Suite.Parse("boolean-logic", 1, 0, 1));

    static EvalRunner Runner(EvalConfig config, IReadOnlyList<Suite> suites) =>
        new(config, suites, new ProgressLine(TextWriter.Null), TextWriter.Null)
        {
            OpenBackend = m => new RemoteBackend(m.Url!, m.RemoteModel, m.ApiKey, Fast),
        };

    [Fact]
    public async Task A_remote_endpoint_is_measured_like_an_embedded_model_and_transient_failures_are_retried()
    {
        await using var stub = await OpenAiStub.StartAsync();
        var (config, suites) = Grid(stub, TinyModels.TempFolder("remote"), concurrency: 2);
        stub.FailNext(2);
        var summary = await Runner(config, suites).RunAsync(TestContext.Current.CancellationToken);

        var perMode = suites[0].Items.Count;
        Assert.Equal(3 * perMode, summary.ItemsDone);
        Assert.Equal(3 * perMode + 2, stub.Requests.Count); // two 503s, retried
        var bodies = stub.Requests.Select(r => r.Body).ToList();
        Assert.All(stub.Requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        Assert.Contains(bodies, b => b["reasoning_effort"]!.GetValue<string>() == "none" && b["ponder"]!["mode"]!.GetValue<string>() == "instant");
        Assert.Contains(bodies, b => b["ponder"]!["mode"]!.GetValue<string>() == "thinking" && b["ponder"]!["thinking_budget"]!.GetValue<int>() == 32
            && b["max_completion_tokens"]!.GetValue<int>() == 32 + config.MaxAnswerTokens);
        Assert.Contains(bodies, b => b["reasoning_effort"]!.GetValue<string>() == "xhigh" && b["ponder"]!["agents"]!.GetValue<int>() == 4);

        var thinking = summary.Cells.Single(c => c.Mode == "thinking@32");
        Assert.Equal(7, thinking.MeanReasoningTokens);
        Assert.Equal(5, thinking.MeanAnswerTokens);
        var contemplating = summary.Cells.Single(c => c.Mode == "contemplating-4@16");
        Assert.Equal(28, contemplating.MedianReasoningTokens);
        Assert.Equal(0.75, contemplating.Agreement);
        Assert.Equal(0.25, contemplating.EarlyStopRate);
        Assert.True(File.Exists(Path.Combine(config.Output, EvalRunner.SummaryMarkdown)));
        Assert.DoesNotContain("sk-test", File.ReadAllText(Path.Combine(config.Output, RunFolder.ConfigFile)));
    }

    [Fact]
    public async Task An_endpoint_that_stays_down_fails_clearly_keeping_the_items_done_and_the_rerun_finishes_the_rest()
    {
        await using var stub = await OpenAiStub.StartAsync();
        var (config, suites) = Grid(stub, TinyModels.TempFolder("remote-down"));
        var planned = 3 * suites[0].Items.Count;
        var runner = Runner(config, suites);
        var progress = 0;
        var breaking = new EvalRunner(config, suites, new BreakAfter(stub, 4, () => progress++), TextWriter.Null)
        {
            OpenBackend = m => new RemoteBackend(m.Url!, m.RemoteModel, m.ApiKey, Fast),
        };
        var e = await Assert.ThrowsAsync<RemoteEndpointException>(() => breaking.RunAsync(TestContext.Current.CancellationToken));
        Assert.Contains("after 3 attempts", e.Message);
        Assert.Contains("HTTP 503 the engine is restarting", e.Message);
        Assert.Contains("items done so far are kept", e.Message);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(config.Output, RunFolder.ItemsFile)).Length);

        stub.Broken = false;
        var summary = await runner.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(planned, summary.ItemsDone);
        var lines = File.ReadAllLines(Path.Combine(config.Output, RunFolder.ItemsFile));
        Assert.Equal(planned, lines.Length);
        Assert.Equal(planned, stub.Served);
    }

    [Fact]
    public async Task A_closed_port_is_reported_after_the_retries()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var backend = new RemoteBackend($"http://127.0.0.1:{port}", "m", null, Fast with { MaxAttempts = 2 });
        var e = await Assert.ThrowsAsync<RemoteEndpointException>(() =>
            backend.RunAsync(ReasoningRequest.Ask("1+1?", ReasoningMode.Instant), TestContext.Current.CancellationToken));
        Assert.Contains($"http://127.0.0.1:{port}/v1/chat/completions after 2 attempts", e.Message);
        Assert.Contains("Check that the server is running", e.Message);
    }

    /// <summary>Breaks the stub once <paramref name="after"/> items are done.</summary>
    sealed class BreakAfter(OpenAiStub stub, int after, Action advanced) : IEvalProgress
    {
        int done;
        public void Start(int total, int alreadyDone) { }
        public void Advance(ItemRecord item) { advanced(); if (++done == after) stub.Broken = true; }
        public void Stop() { }
    }
}
