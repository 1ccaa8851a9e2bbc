using System.Text;
using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>Hostile input: every request below has at least one definite defect (bad JSON, invalid UTF-8, a wrong
/// type, a huge number, deep nesting, a giant string, an unknown role, a missing field, a wrong media type), so every
/// answer must be a 4xx with OpenAI's error body — never a 5xx, an HTML page or a dropped connection — and the server
/// must still answer a valid request afterwards. 1,000 requests by default; PONDER_FUZZ_REQUESTS=5000 for the full run
/// (recorded in bench/RESULTS.md).</summary>
public sealed class FuzzTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Base = """{"model":"ponder-tiny","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"none","max_completion_tokens":2""";

    static readonly string[] WrongValues =
    [
        "\"x\"", "[]", "{}", "true", "1.5", "-1", "1e400", "-1e400", "99999999999999999999999", "\"\\ud800\"", "[[[[1]]]]",
        "{\"a\":{\"b\":[null]}}", "0.0000001", "-0", "1E+308", "\"" + new string('9', 400) + "\"",
    ];

    static readonly string[] Fields =
        ["temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "seed", "stream", "stop", "logprobs", "top_logprobs",
         "reasoning_effort", "ponder", "stream_options", "messages"];

    /// <summary>One defective request: its body bytes and content type.</summary>
    static (byte[] Body, string ContentType) Hostile(Random rng)
    {
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        var json = "application/json";
        switch (rng.Next(14))
        {
            case 0: // random bytes, often invalid UTF-8
                var bytes = new byte[rng.Next(0, 300)];
                rng.NextBytes(bytes);
                return (bytes, json);
            case 1: // truncated valid JSON
                var full = Base + ",\"temperature\":0.5}";
                return (Utf8(full[..rng.Next(0, full.Length - 1)]), json);
            case 2: // a wrong type or an impossible value in a known field
                var field = Fields[rng.Next(Fields.Length)];
                var value = WrongValues[rng.Next(WrongValues.Length)];
                if (field is "stop" && (value.StartsWith('"') && value != "\"\\ud800\"" || value is "[]")) value = "[1]";                // a string is a valid stop
                if (field is "seed" && value is "-1" or "-0") value = "1.5";                                          // any integer is a valid seed
                if (field is "temperature" or "top_p" && value is "0.0000001" or "-0" or "1.5") value = "\"x\"";
                if (field is "logprobs" or "stream" && value is "true") value = "1";
                if (field is "messages" && value is "[]") value = "[{}]";
                if (field is "stream_options" && value.StartsWith('{')) value = "[]";
                if (field is "ponder" && value is "{}") value = "{\"agents\":0}";
                if (field is "ponder" && value.StartsWith("{\"a\"")) value = "{\"mode\":7}";
                if (field is "reasoning_effort" && value.StartsWith('"') && value != "\"\\ud800\"") value = "\"extreme\"";
                var body = field == "messages"
                    ? $$"""{"model":"ponder-tiny","messages":{{value}}}"""
                    : Base + $",\"{field}\":{value}}}";
                return (Utf8(body), json);
            case 3: // deep nesting
                var depth = rng.Next(40, 5000);
                return (Utf8("{\"model\":\"ponder-tiny\",\"messages\":" + new string('[', depth) + new string(']', depth) + "}"), json);
            case 4: // a giant model name (unknown: 404) or a giant body (413)
                return rng.Next(2) == 0
                    ? (Utf8($$"""{"model":"{{new string('m', rng.Next(10_000, 300_000))}}","messages":[{"role":"user","content":"x"}]}"""), json)
                    : (Utf8($$"""{"model":"ponder-tiny","messages":[{"role":"user","content":"{{new string('c', (1 << 20) + rng.Next(1, 1000))}}"}]}"""), json);
            case 5: // invalid UTF-8 inside a string
                var prefix = Utf8("{\"model\":\"ponder-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"");
                byte[][] bad = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
                return ([.. prefix, .. bad[rng.Next(bad.Length)], .. Utf8("\"}]}")], json);
            case 6: // unknown or wrong-typed roles
                string[] roles = ["\"wizard\"", "\"tool\"", "\"\"", "5", "null", "\"USER\"", "[\"user\"]", "\"function\""];
                return (Utf8($$"""{"model":"ponder-tiny","messages":[{"role":{{roles[rng.Next(roles.Length)]}},"content":"x"}]}"""), json);
            case 7: // missing fields
                string[] missing =
                [
                    "{}", """{"model":"ponder-tiny"}""", """{"messages":[{"role":"user","content":"x"}]}""",
                    """{"model":"ponder-tiny","messages":[{"content":"x"}]}""", """{"model":"ponder-tiny","messages":[{"role":"user"}]}""",
                    """{"model":"ponder-tiny","messages":[]}""", """{"model":"ponder-tiny","messages":[{"role":"user","content":[{"text":"x"}]}]}""",
                ];
                return (Utf8(missing[rng.Next(missing.Length)]), json);
            case 8: // not an object at the root
                string[] roots = ["[]", "\"x\"", "1", "null", "true", "[{\"model\":\"ponder-tiny\"}]", ""];
                return (Utf8(roots[rng.Next(roots.Length)]), json);
            case 9: // a media type that is not JSON
                string[] types = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/jsonx", "*/*"];
                return (Utf8(Base + "}"), types[rng.Next(types.Length)]);
            case 10: // the conversation ends with the model's turn, or holds a non-text part
                return rng.Next(2) == 0
                    ? (Utf8("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}]}"""), json)
                    : (Utf8("""{"model":"ponder-tiny","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}"""), json);
            case 11: // an unknown model
                return (Utf8($$"""{"model":"{{(char)rng.Next('a', 'z')}}-{{rng.Next()}}","messages":[{"role":"user","content":"x"}]}"""), json);
            case 12: // control characters and escapes everywhere
                var junk = new string(Enumerable.Range(0, rng.Next(1, 50)).Select(_ => (char)rng.Next(0, 32)).ToArray());
                return (Utf8("{\"model\":\"ponder-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"" + junk + "\"}]}"), json);
            default: // too many messages or too many stops
                return rng.Next(2) == 0
                    ? (Utf8("{\"model\":\"ponder-tiny\",\"messages\":[" + string.Join(",", Enumerable.Repeat("{\"role\":\"user\",\"content\":\"x\"}", 300)) + "]}"), json)
                    : (Utf8(Base + ",\"stop\":[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"s{i}\"")) + "]}"), json);
        }
    }

    [Fact]
    public async Task Hostile_requests_all_get_4xx_openai_errors_and_the_server_survives()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("PONDER_FUZZ_REQUESTS"), out var n) ? n : 1000;
        var rng = new Random(20261126);
        var cases = Enumerable.Range(0, count).Select(_ => Hostile(rng)).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (c, ct) =>
        {
            var content = new ByteArrayContent(c.Body);
            content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            HttpResponseMessage response;
            try { response = await server.Http.PostAsync("/v1/chat/completions", content, ct); }
            catch (HttpRequestException e)
            {
                failures.Add($"no response for {Encoding.UTF8.GetString(c.Body[..Math.Min(120, c.Body.Length)])} ({c.Body.Length} bytes): {e.Message}");
                return;
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, k) => k + 1);
            var text = await response.Content.ReadAsStringAsync(ct);
            try
            {
                var error = JsonNode.Parse(text)!["error"]!;
                if (status is < 400 or >= 500 || string.IsNullOrEmpty((string?)error["message"]) || string.IsNullOrEmpty((string?)error["type"]))
                    throw new InvalidOperationException("bad status or error shape");
            }
            catch (Exception e)
            {
                failures.Add($"{status} for {Encoding.UTF8.GetString(c.Body[Math.Max(0, c.Body.Length - 120)..])}: {text[..Math.Min(200, text.Length)]} ({e.Message})");
            }
        });
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz: {count} hostile requests in {clock.Elapsed.TotalSeconds:F1} s → {summary}");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);

        var valid = await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("still there?") }, reasoning_effort = "none", max_completion_tokens = 4 }, Ct);
        Assert.Equal(200, (int)valid.StatusCode);
        Assert.Equal(0, server.Engine.Stats.LiveSequences);
    }
}
