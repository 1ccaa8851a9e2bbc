using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>A server that admits one request at a time, to see 429 and cancellation.</summary>
public sealed class NarrowServer() : ServerApp(new() { ["Ponder:MaxRequestsInFlight"] = "1", ["Ponder:BudgetHigh"] = "4000", ["Ponder:ContextSize"] = "8192" });

public sealed class AdmissionTests(NarrowServer server) : IClassFixture<NarrowServer>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a long streaming request and returns once its first chunk arrived (its sequences are live).</summary>
    async Task<(HttpResponseMessage Response, StreamReader Reader)> StartLongStreamAsync(CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Wire.Json("""{"model":"ponder-tiny","messages":[{"role":"user","content":"think long"}],"stream":true,"ponder":{"mode":"contemplating","agents":3,"thinking_budget":4000}}"""),
        };
        var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(200, (int)response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line && !line.StartsWith("data: ")) { }
        return (response, reader);
    }

    [Fact]
    public async Task A_full_server_answers_429_with_retry_after_and_a_disconnect_frees_the_sequences()
    {
        using var longRun = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (response, reader) = await StartLongStreamAsync(longRun.Token);
        Assert.True(server.Engine.Stats.LiveSequences > 0);

        var refused = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("x") }, reasoning_effort = "none" }, Ct);
        var error = await refused.ErrorAsync(429);
        Assert.Equal("rate_limit_error", (string?)error["type"]);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);

        // The client goes away mid-thought: its agents' sequences are cancelled and freed, and the slot opens again.
        longRun.Cancel();
        reader.Dispose();
        response.Dispose();
        var freed = false;
        for (var i = 0; i < 200 && !freed; i++)
        {
            await Task.Delay(50, Ct);
            freed = server.Engine.Stats.LiveSequences == 0 && (int)(await (await server.Http.GetAsync("/health", Ct)).JsonAsync())["requests_in_flight"]! == 0;
        }
        Assert.True(freed, $"still live: {server.Engine.Stats}");
        var after = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("x") }, reasoning_effort = "none" }, Ct);
        Assert.Equal(200, (int)after.StatusCode);
    }
}
