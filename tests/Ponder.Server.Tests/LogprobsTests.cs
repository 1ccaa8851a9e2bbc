using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace Ponder.Server.Tests;

/// <summary>logprobs / top_logprobs on the wire: OpenAI's choices[].logprobs.content, non-streaming and per chunk, and
/// Ponder's logprobs.reasoning_content for the thought; read raw and through the official client.</summary>
public sealed class LogprobsTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Ponder's control tokens: in logprobs as their names, in the text as nothing
    static readonly HashSet<string> Controls = ["<unk>", "<s>", "</s>", "<|user|>", "<|assistant|>", "<|end|>", "<think>", "</think>"];

    static void AssertEntries(JsonArray entries, int top, bool greedy)
    {
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var logprob = (double)entry!["logprob"]!;
            Assert.True(logprob <= 0, $"logprob {logprob}");
            Assert.False(string.IsNullOrEmpty((string?)entry["token"]));
            Assert.NotEmpty(entry["bytes"]!.AsArray());
            var alternatives = entry["top_logprobs"]!.AsArray().Select(a => (Token: (string)a!["token"]!, LogProb: (double)a["logprob"]!)).ToList();
            Assert.Equal(top, alternatives.Count);
            Assert.Equal(alternatives.OrderByDescending(a => a.LogProb), alternatives);
            if (top > 0) Assert.True(logprob <= alternatives[0].LogProb + 1e-5);
            if (top > 0 && greedy) Assert.Equal(alternatives[0].Token, (string?)entry["token"]);
        }
    }

    /// <summary>The text the entries spell: their bytes joined (a character may span tokens), control tokens left out.</summary>
    static string Spell(IEnumerable<JsonNode?> entries) => Encoding.UTF8.GetString(entries
        .Where(e => !Controls.Contains((string)e!["token"]!)).SelectMany(e => e!["bytes"]!.AsArray().Select(b => (byte)(int)b!)).ToArray());

    [Fact]
    public async Task Instant_returns_a_logprob_per_answer_token_with_sorted_alternatives()
    {
        var body = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none",
            temperature = 0, max_completion_tokens = 20, logprobs = true, top_logprobs = 3 }, Ct)).JsonAsync();
        var choice = body["choices"]![0]!;
        var content = choice["logprobs"]!["content"]!.AsArray();
        AssertEntries(content, 3, greedy: true);
        var endOfTurn = (string?)choice["finish_reason"] == "stop" ? 1 : 0; // the end-of-turn token has no entry
        Assert.Equal((int)body["usage"]!["completion_tokens"]! - endOfTurn, content.Count);
        Assert.Equal((string?)choice["message"]!["content"], Spell(content));
        Assert.Null(choice["logprobs"]!["reasoning_content"]); // Instant has no thought
    }

    [Fact]
    public async Task Thinking_adds_the_thoughts_logprobs_in_reasoning_content()
    {
        var body = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("2+2?") },
            ponder = new { mode = "thinking", thinking_budget = 10 }, seed = 3, logprobs = true, top_logprobs = 2 }, Ct)).JsonAsync();
        var logprobs = body["choices"]![0]!["logprobs"]!;
        var reasoning = logprobs["reasoning_content"]!.AsArray();
        AssertEntries(reasoning, 2, greedy: false);
        AssertEntries(logprobs["content"]!.AsArray(), 2, greedy: false);
        // Every sampled thought token, none of the wrap-up and close marker Ponder inserted at the budget.
        Assert.Equal((int)body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!, reasoning.Count);
        Assert.Equal((string)body["choices"]![0]!["message"]!["content"]!, Spell(logprobs["content"]!.AsArray()));
    }

    [Fact]
    public async Task Streaming_chunks_carry_the_logprobs_of_their_own_tokens()
    {
        object Request(bool stream) => new { model = TinyModel.Id, messages = new[] { Wire.User("hello") }, stream, temperature = 0,
            ponder = new { mode = "thinking", thinking_budget = 6 }, max_completion_tokens = 20, logprobs = true, top_logprobs = 4 };
        var whole = (await (await server.Http.PostAsync(Request(false), Ct)).JsonAsync())["choices"]![0]!["logprobs"]!;
        var chunks = (await (await server.Http.PostAsync(Request(true), Ct)).EventsAsync(Ct))[..^1]
            .SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray()).ToList();

        var contentEntries = new List<JsonNode?>();
        var reasoningEntries = new List<JsonNode?>();
        foreach (var c in chunks)
        {
            var delta = c!["delta"]!;
            var logprobs = c["logprobs"];
            if (delta["content"] is JsonValue v && ((string)v!).Length > 0 || logprobs?["content"]?.AsArray().Count > 0)
            {
                // An answer chunk: one token, its text (or none yet, for part of a character) and its entry.
                Assert.Single(logprobs!["content"]!.AsArray());
                contentEntries.AddRange(logprobs["content"]!.AsArray().Select(x => x?.DeepClone()));
            }
            // A thought chunk: one sampled token and its entry, or Ponder's wrap-up at the budget, which has none.
            if (delta["reasoning_content"] is not null && logprobs?["reasoning_content"] is JsonArray thought)
            {
                Assert.Single(thought);
                reasoningEntries.AddRange(thought.Select(x => x?.DeepClone()));
            }
        }
        // Greedy: the stream's entries, joined, are the non-streaming response's.
        Assert.Equal(whole["content"]!.ToJsonString(), new JsonArray([.. contentEntries]).ToJsonString());
        Assert.Equal(whole["reasoning_content"]!.ToJsonString(), new JsonArray([.. reasoningEntries]).ToJsonString());
        AssertEntries(whole["content"]!.AsArray(), 4, greedy: true);
    }

    [Fact]
    public async Task Without_logprobs_the_field_is_null()
    {
        var body = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none" }, Ct)).JsonAsync();
        var choice = body["choices"]![0]!.AsObject();
        Assert.True(choice.ContainsKey("logprobs"));
        Assert.Null(choice["logprobs"]);
    }

    [Fact]
    public async Task The_OpenAI_client_reads_the_logprobs_streaming_and_not()
    {
        var options = new ChatCompletionOptions
        {
            ReasoningEffortLevel = new ChatReasoningEffortLevel("low"), Seed = 5, IncludeLogProbabilities = true, TopLogProbabilityCount = 2,
        };
        var completion = (await server.Chat().CompleteChatAsync([new UserChatMessage("Hi")], options, Ct)).Value;
        Assert.NotEmpty(completion.ContentTokenLogProbabilities);
        Assert.All(completion.ContentTokenLogProbabilities, t =>
        {
            Assert.True(t.LogProbability <= 0);
            Assert.Equal(2, t.TopLogProbabilities.Count);
            Assert.True(t.TopLogProbabilities[0].LogProbability >= t.TopLogProbabilities[1].LogProbability);
        });

        var streamed = new List<ChatTokenLogProbabilityDetails>();
        await foreach (var update in server.Chat().CompleteChatStreamingAsync([new UserChatMessage("Hi")], options, Ct))
            streamed.AddRange(update.ContentTokenLogProbabilities);
        Assert.Equal(completion.ContentTokenLogProbabilities.Select(t => (t.Token, t.LogProbability)), streamed.Select(t => (t.Token, t.LogProbability)));
    }
}
