using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ponder.Eval.Tests;

/// <summary>A minimal Kestrel server on loopback that speaks the OpenAI chat-completions wire format as Ponder's server
/// does (message.reasoning_content, usage.completion_tokens_details.reasoning_tokens, the "ponder" object with the
/// agents' summary). It answers "The answer is 42." and can fail on demand: the next N requests with 503, or every
/// request while Broken. Requests are kept for inspection.</summary>
public sealed class OpenAiStub : IAsyncDisposable
{
    readonly WebApplication app;
    int failNext;

    public ConcurrentQueue<(JsonNode Body, string? Authorization)> Requests { get; } = new();
    public volatile bool Broken;
    public int Served;
    public string Url { get; }

    OpenAiStub(WebApplication app, string url) { this.app = app; Url = url; }

    public void FailNext(int count) => Volatile.Write(ref failNext, count);

    public static async Task<OpenAiStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        OpenAiStub? stub = null;
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body) ?? new JsonObject();
            stub!.Requests.Enqueue((body, http.Request.Headers.Authorization.ToString()));
            if (stub.Broken || Interlocked.Decrement(ref stub.failNext) >= 0)
                return Results.Json(new { error = new { message = "the engine is restarting", type = "server_error" } }, statusCode: 503);
            Interlocked.Increment(ref stub.Served);
            var mode = body["ponder"]?["mode"]?.GetValue<string>() ?? "thinking";
            var agents = body["ponder"]?["agents"]?.GetValue<int>() ?? 1;
            var reasoning = mode == "instant" ? 0 : 7 * agents;
            var response = new JsonObject
            {
                ["id"] = "chatcmpl-stub", ["object"] = "chat.completion", ["model"] = body["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject
                    {
                        ["role"] = "assistant", ["content"] = "The answer is 42.",
                        ["reasoning_content"] = mode == "instant" ? null : "Let me think about it.",
                    },
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = 11, ["completion_tokens"] = reasoning + 5, ["total_tokens"] = 11 + reasoning + 5,
                    ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning },
                },
                ["ponder"] = new JsonObject
                {
                    ["mode"] = mode, ["thought_end"] = mode == "instant" ? "None" : "ClosedByModel", ["injected_tokens"] = 0,
                    ["agents"] = mode != "contemplating" ? null : new JsonObject
                    {
                        ["run"] = agents, ["stopped_early"] = 1, ["agreed"] = agents - 1, ["winning_share"] = 0.75, ["refined"] = false,
                        ["early_stop_threshold"] = null, ["each"] = new JsonArray(),
                    },
                },
            };
            return Results.Content(response.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub = new OpenAiStub(app, address);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
