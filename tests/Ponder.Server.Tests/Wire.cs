using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>Raw-HTTP helpers: post a JSON body, read a JSON answer, read an SSE stream's data events.</summary>
public static class Wire
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostAsync(this HttpClient http, object body, CancellationToken ct = default) =>
        http.PostAsync("/v1/chat/completions", Json(JsonSerializer.Serialize(body)), ct);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Every "data:" payload of a streaming response, [DONE] included, in order.</summary>
    public static async Task<List<string>> EventsAsync(this HttpResponseMessage response, CancellationToken ct = default)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data: ")) events.Add(line["data: ".Length..]);
        return events;
    }

    public static object User(string text) => new { role = "user", content = text };

    /// <summary>Asserts OpenAI's error shape and returns the error object.</summary>
    public static async Task<JsonNode> ErrorAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.False(string.IsNullOrEmpty((string?)error["type"]));
        Assert.True(error.AsObject().ContainsKey("param") || error["param"] is null);
        return error;
    }
}
