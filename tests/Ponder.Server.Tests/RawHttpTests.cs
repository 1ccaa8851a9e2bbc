using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>The wire itself with a raw HttpClient: Ponder's fields (reasoning_content, the "ponder" extension), the SSE
/// order, stop strings, n, health, metrics and the page.</summary>
public sealed class RawHttpTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thinking_returns_reasoning_content_and_counts_its_tokens()
    {
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("2+2?") }, reasoning_effort = "low", seed = 1 }, Ct);
        var body = await response.JsonAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)body["choices"]![0]!["message"]!["reasoning_content"]));
        Assert.Equal(8, (int)body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!); // BudgetLow = 8, a random model never stops early
        Assert.Equal("thinking", (string?)body["ponder"]!["mode"]);
    }

    [Fact]
    public async Task The_extension_object_overrides_reasoning_effort()
    {
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none",
            ponder = new { mode = "contemplating", agents = 2, thinking_budget = 5 } }, Ct);
        var body = await response.JsonAsync();
        Assert.Equal(200, (int)response.StatusCode);
        var agents = body["ponder"]!["agents"]!;
        Assert.Equal(2, (int)agents["run"]!);
        Assert.Equal(2, agents["each"]!.AsArray().Count);
        Assert.Equal(10, (int)body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task Streaming_sends_reasoning_before_content_then_usage_and_done()
    {
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, stream = true,
            stream_options = new { include_usage = true }, ponder = new { mode = "thinking", thinking_budget = 6 } }, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await response.EventsAsync(Ct);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        var kinds = chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!)
            .Select(d => d["reasoning_content"] is not null ? 'r' : d["content"] is JsonValue v && ((string?)v)!.Length > 0 ? 'c' : '.').ToList();
        var lastReasoning = kinds.LastIndexOf('r');
        var firstContent = kinds.IndexOf('c');
        Assert.True(lastReasoning >= 0 && firstContent > lastReasoning, string.Concat(kinds));
        Assert.Contains(chunks, c => c["choices"]!.AsArray().Any(x => x!["finish_reason"] is not null));
        var usage = chunks[^1]["usage"]!;
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(6, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task Contemplating_streams_agent_progress_then_the_summary()
    {
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, stream = true,
            reasoning_effort = "xhigh", ponder = new { agents = 2, thinking_budget = 16 } }, Ct);
        var chunks = (await response.EventsAsync(Ct))[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        var progress = chunks.SelectMany(c => c["choices"]!.AsArray()).Where(c => c!["ponder"] is not null).Select(c => c!["ponder"]!).ToList();
        Assert.Contains(progress, p => (int)p["agent"]! == 0);
        Assert.Contains(progress, p => (int)p["agent"]! == 1);
        Assert.Contains(chunks, c => c["ponder"]?["agents"]?["run"] is { } run && (int)run == 2);
    }

    [Fact]
    public async Task A_stop_string_cuts_the_answer()
    {
        var first = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none", seed = 4, temperature = 0 }, Ct)).JsonAsync();
        var full = (string)first["choices"]![0]!["message"]!["content"]!;
        Assert.True(full.Length >= 4, full);
        var stop = full.Substring(2, 2);
        var cut = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none", seed = 4, temperature = 0, stop }, Ct)).JsonAsync();
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], (string)cut["choices"]![0]!["message"]!["content"]!);
        Assert.Equal("stop", (string?)cut["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task N_choices_come_back_indexed()
    {
        var body = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none", n = 3, seed = 9 }, Ct)).JsonAsync();
        Assert.Equal([0, 1, 2], body["choices"]!.AsArray().Select(c => (int)c!["index"]!));
    }

    [Fact]
    public async Task Health_models_metrics_and_the_page_answer()
    {
        Assert.Equal("ok", (string?)(await (await server.Http.GetAsync("/health", Ct)).JsonAsync())["status"]);
        var models = await (await server.Http.GetAsync("/v1/models", Ct)).JsonAsync();
        Assert.Equal("ponder", (string?)models["data"]![0]!["ponder"]!["profile"]);
        Assert.Equal(3, models["data"]![0]!["ponder"]!["modes"]!.AsArray().Count);
        await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none" }, Ct);
        var metrics = await server.Http.GetStringAsync("/metrics", Ct);
        foreach (var name in new[] { "ponder_requests", "ponder_tokens", "ponder_queue_length", "ponder_live_sequences", "ponder_time_to_first_token", "ponder_tokens_per_second" })
            Assert.Contains(name, metrics);
        var page = await server.Http.GetStringAsync("/", Ct);
        Assert.Contains("<title>Ponder</title>", page);
        Assert.Contains("reasoning_content", await server.Http.GetStringAsync("/app.js", Ct));
    }
}
