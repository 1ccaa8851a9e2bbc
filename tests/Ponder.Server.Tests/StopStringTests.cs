using System.Text.Json.Nodes;

namespace Ponder.Server.Tests;

/// <summary>stop on the wire: generation ends in the engine where a stop string begins (fewer completion tokens,
/// finish_reason stop), a stream never carries part of one, and one inside the thought does not end the request.
/// Each test reads a greedy run first and takes its stop string from what that run wrote.</summary>
public sealed class StopStringTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Instant(string prompt, object? stop = null, bool stream = false, bool logprobs = false) => new
    {
        model = TinyModel.Id, messages = new[] { Wire.User(prompt) }, reasoning_effort = "none", temperature = 0,
        max_completion_tokens = 40, stop, stream, logprobs,
    };

    static string Content(JsonNode body) => (string)body["choices"]![0]!["message"]!["content"]!;

    [Fact]
    public async Task A_stop_string_ends_generation_early()
    {
        var free = await (await server.Http.PostAsync(Instant("hi"), Ct)).JsonAsync();
        var text = Content(free);
        Assert.True(text.Length >= 8, text);
        var stop = text.Substring(text.Length / 2, 2);
        var cut = await (await server.Http.PostAsync(Instant("hi", new[] { stop, "never-there" }), Ct)).JsonAsync();
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], Content(cut));
        Assert.Equal("stop", (string?)cut["choices"]![0]!["finish_reason"]);
        Assert.True((int)cut["usage"]!["completion_tokens"]! < (int)free["usage"]!["completion_tokens"]!,
            $"{cut["usage"]!["completion_tokens"]} tokens with the stop string, {free["usage"]!["completion_tokens"]} without");
    }

    [Fact]
    public async Task A_stop_string_split_across_tokens_is_never_streamed_in_part()
    {
        // The tokens of a greedy run, from its logprobs: a stop string made of the end of one token and the start of the next.
        var free = await (await server.Http.PostAsync(Instant("hello there", logprobs: true), Ct)).JsonAsync();
        var text = Content(free);
        var tokens = free["choices"]![0]!["logprobs"]!["content"]!.AsArray().Select(t => (string)t!["token"]!).ToList();
        string? stop = null;
        for (int i = 0, at = 0; i + 1 < tokens.Count && stop is null; at += tokens[i].Length, i++)
        {
            var candidate = tokens[i][^1..] + tokens[i + 1][..1];
            var boundary = at + tokens[i].Length;
            if (tokens[i].Length > 0 && tokens[i + 1].Length > 0 && candidate.Trim().Length == 2 && !candidate.Contains('\uFFFD')
                && text.IndexOf(candidate, StringComparison.Ordinal) == boundary - 1)
                stop = candidate;
        }
        Assert.True(stop is not null, $"no two neighbouring tokens to split a stop string across in [{string.Join("|", tokens)}]");

        var events = await (await server.Http.PostAsync(Instant("hello there", stop, stream: true), Ct)).EventsAsync(Ct);
        var chunks = events[..^1].SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray()).ToList();
        var streamed = chunks.Select(c => (string?)c!["delta"]!["content"]).Where(s => s is not null).ToList();
        // Its first character was a token of its own, yet no chunk sent it: the stream is exactly the text before the stop.
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], string.Concat(streamed));
        Assert.Equal("stop", chunks.Select(c => (string?)c!["finish_reason"]).Single(f => f is not null));
    }

    [Fact]
    public async Task A_stop_string_inside_the_thought_does_not_end_the_request()
    {
        object Request(string[]? stop) => new
        {
            model = TinyModel.Id, messages = new[] { Wire.User("Count to ten.") }, temperature = 0, stop,
            ponder = new { mode = "thinking", thinking_budget = 40 }, max_completion_tokens = 80,
        };
        var free = await (await server.Http.PostAsync(Request(null), Ct)).JsonAsync();
        var thought = (string)free["choices"]![0]!["message"]!["reasoning_content"]!;
        var answer = Content(free);
        var stop = new[] { 2, 1 }.SelectMany(n => Enumerable.Range(1, Math.Max(0, answer.Length - n)).Select(i => answer.Substring(i, n)))
            .FirstOrDefault(s => s.Trim().Length == s.Length && !s.Contains('\uFFFD') && thought.Contains(s, StringComparison.Ordinal));
        Assert.True(stop is not null, $"no stop string in both thought \"{thought}\" and answer \"{answer}\"");

        var cut = await (await server.Http.PostAsync(Request([stop]), Ct)).JsonAsync();
        Assert.Equal(thought, (string?)cut["choices"]![0]!["message"]!["reasoning_content"]);
        Assert.Equal((int)free["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!, (int)cut["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
        Assert.Equal(answer[..answer.IndexOf(stop, StringComparison.Ordinal)], Content(cut));
        Assert.Equal("stop", (string?)cut["choices"]![0]!["finish_reason"]);
    }
}
