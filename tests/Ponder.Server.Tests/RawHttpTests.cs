using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>The wire itself with a raw HttpClient: Ponder's fields (reasoning_content, the "ponder" extension), the SSE
/// order (Contemplating's too), n, health, metrics and the page.</summary>
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
            ponder = new { mode = "contemplating", agents = 2, thinking_budget = 5 }, seed = 1 }, Ct); // seeded: unseeded, a random model sometimes samples </think> first
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
            stream_options = new { include_usage = true }, ponder = new { mode = "thinking", thinking_budget = 6 }, seed = 1 }, Ct);
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

    /// <summary>Each choice chunk of a stream in order, as a letter: p agent progress (ponder), r reasoning_content,
    /// c content, f finish_reason; with the chunks themselves.</summary>
    static (string Kinds, List<JsonNode> Chunks) Read(List<string> events)
    {
        var chunks = events[..^1].SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray()).Select(c => c!).ToList();
        var kinds = string.Concat(chunks.Select(c =>
            c["ponder"] is not null ? 'p' : c["delta"]!["reasoning_content"] is not null ? 'r'
            : c["delta"]!["content"] is JsonValue v && ((string)v!).Length > 0 ? 'c' : c["finish_reason"] is not null ? 'f' : '.'));
        return (kinds, chunks);
    }

    [Fact]
    public async Task Contemplating_streams_each_agent_as_it_thinks_then_the_chosen_thought_then_the_answer()
    {
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, stream = true, seed = 1,
            reasoning_effort = "xhigh", ponder = new { agents = 2, thinking_budget = 16 } }, Ct);
        var events = await response.EventsAsync(Ct);
        var (kinds, chunks) = Read(events);
        var progress = chunks.Where(c => c["ponder"] is not null).Select(c => c["ponder"]!).ToList();
        foreach (var agent in new[] { 0, 1 })
        {
            var mine = progress.Where(p => (int)p["agent"]! == agent).ToList();
            Assert.True(mine.Count(p => (string?)p["state"] == "Thinking") >= 2, $"agent {agent}: {string.Join(", ", mine.Select(p => p["state"]))}");
            Assert.Equal("Done", (string?)mine[^1]["state"]);
            Assert.NotEmpty(string.Concat(mine.Select(p => (string?)p["reasoning_delta"])));
        }
        // The agents' progress (with their text) as it happens, then one chunk with the chosen thought, then the answer.
        Assert.Matches("^\\.p+rc+f$", kinds);
        var thought = (string)chunks.Single(c => c["delta"]!["reasoning_content"] is not null)["delta"]!["reasoning_content"]!;
        Assert.Contains(new[] { 0, 1 }, agent => thought == string.Concat(progress.Where(p => (int)p["agent"]! == agent).Select(p => (string?)p["reasoning_delta"])));
        Assert.Contains(events, e => e.Contains("\"agents\":{\"run\":2"));
    }

    [Fact]
    public async Task Contemplating_streams_a_refinement_token_by_token()
    {
        // Hot sampling on a random model: no two agents agree, so the model refines, and its answer streams as written.
        var response = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("Describe the sea.") }, stream = true,
            temperature = 1.5, seed = 21, logprobs = true, reasoning_effort = "xhigh", ponder = new { agents = 3, thinking_budget = 8 } }, Ct);
        var events = await response.EventsAsync(Ct);
        var (kinds, chunks) = Read(events);
        var summary = JsonNode.Parse(events.Single(e => e.Contains("\"agents\":{")))!["ponder"]!["agents"]!;
        Assert.True((bool)summary["refined"]!, $"no refinement: {summary.ToJsonString()}");
        var content = chunks.Where(c => c["delta"]!["content"] is JsonValue v && ((string)v!).Length > 0).ToList();
        Assert.True(content.Count > 1, $"the refined answer came in {content.Count} chunk(s): {kinds}");
        Assert.All(content, c => Assert.Single(c["logprobs"]!["content"]!.AsArray())); // one token per chunk, as produced
        Assert.True(kinds.LastIndexOf('p') < kinds.IndexOf('r') && kinds.IndexOf('r') < kinds.IndexOf('c'), kinds);
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
