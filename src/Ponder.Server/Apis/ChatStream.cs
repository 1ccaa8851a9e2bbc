using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Ponder.Reasoning;
using Ponder.Server.Errors;
using Ponder.Server.Telemetry;
using Ponder.Server.Wire;

namespace Ponder.Server.Apis;

/// <summary>Writes one streaming chat completion as server-sent events, flushed whenever no further event is waiting. The headers wait for the first event, so a
/// request refused before it starts (a full engine) still gets a proper status code; after that, an error is one
/// data: {"error":…} event. Per choice: a role chunk; the thought as delta.reasoning_content, then the answer as
/// delta.content, each chunk with the logprobs of its tokens when asked. Stop strings are the engine's: it holds back
/// text that could begin one, so no chunk ever carries part of a stop string. Contemplating streams each agent's progress
/// in "ponder" as it happens (state, tokens, confidence, and its thought and answer text since its last progress chunk);
/// once the vote is decided, the chosen thought as reasoning_content, then the final answer as content — the voted
/// answer at once, or the refinement's text as the model writes it — so every client sees reasoning before content.
/// Then finish_reason, the usage chunk if asked for, and [DONE].</summary>
public sealed class ChatStream(HttpContext http, string id, long created, string model, ChatCompletionRequest request,
    ReasoningMode mode, ServerMetrics metrics, Stopwatch clock)
{
    // Contemplating: each agent's text since its last progress chunk, by (choice, agent)
    readonly Dictionary<(int, int), (System.Text.StringBuilder Thought, System.Text.StringBuilder Answer)> agentText = [];
    readonly List<ReasoningResult> results = [];
    bool started, firstToken;

    public async Task WriteAsync(ChannelReader<(int Choice, ReasoningEvent? Event, Exception? Error)> events)
    {
        var ct = http.RequestAborted;
        await foreach (var (choice, e, error) in events.ReadAllAsync(CancellationToken.None))
        {
            if (error is not null)
            {
                if (ct.IsCancellationRequested) return; // the client left; the producers are cancelled with it
                if (!started) throw error; // still time for a proper status code
                var (_, body) = ErrorHandling.Describe(error, http);
                Send(body);
                break;
            }
            await StartAsync();
            OnEvent(choice, e!);
            // Events that are already waiting go out in the same send: a stream that fell a step behind catches up in
            // one write to the socket instead of one per token.
            if (!events.TryPeek(out _)) await FlushAsync();
        }
        if (ct.IsCancellationRequested) return;
        await StartAsync();
        if (request.IncludeUsage && results.Count == request.N)
            Send(new ChatCompletionChunk(id, created, model, [], ReasoningMapping.Usage(results)));
        http.Response.BodyWriter.Write("data: [DONE]\n\n"u8);
        await FlushAsync();
    }

    async Task StartAsync()
    {
        if (started) return;
        started = true;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        for (var i = 0; i < request.N; i++) Send(Chunk(i, new Delta(Role: "assistant", Content: "")));
        await FlushAsync();
    }

    void OnEvent(int choice, ReasoningEvent e)
    {
        if (!firstToken && e is ReasoningDelta or AnswerDelta) { firstToken = true; metrics.FirstToken(clock.Elapsed); }
        var contemplating = mode == ReasoningMode.Contemplating;
        switch (e)
        {
            case ReasoningDelta { Agent: { } agent } d when contemplating: // an agent's own thought: with its next progress
                AgentText(choice, agent).Thought.Append(d.Text);
                break;
            case AnswerDelta { Agent: { } agent } d when contemplating:
                AgentText(choice, agent).Answer.Append(d.Text);
                break;
            case ReasoningDelta d:
                Send(Chunk(choice, new Delta(ReasoningContent: d.Text), logprobs: ReasoningMapping.Logprobs(null, d.LogProbs)));
                break;
            case AnswerDelta d:
                Send(Chunk(choice, new Delta(Content: d.Text), logprobs: ReasoningMapping.Logprobs(d.LogProbs, null)));
                break;
            case AgentProgress p when contemplating:
                var (thought, answer) = AgentText(choice, p.Agent);
                Send(Chunk(choice, new Delta(), ponder: new ChunkPonder(p.Agent, p.State.ToString(), p.Tokens, Math.Round(p.Confidence, 4),
                    Take(thought), Take(answer))));
                break;
            case ReasoningCompleted { Result: var r }:
                results.Add(r);
                metrics.Tokens(model, r.Usage.PromptTokens, r.Usage.ReasoningTokens, r.Usage.AnswerTokens);
                metrics.Throughput(r.Usage.CompletionTokens, clock.Elapsed);
                Send(new ChatCompletionChunk(id, created, model,
                    [new ChunkChoice(choice, new Delta(), ReasoningMapping.FinishReason(r.Finish))], Ponder: ReasoningMapping.Info(r)));
                break;
        }
    }

    (System.Text.StringBuilder Thought, System.Text.StringBuilder Answer) AgentText(int choice, int agent) =>
        agentText.TryGetValue((choice, agent), out var t) ? t : agentText[(choice, agent)] = (new(), new());

    static string? Take(System.Text.StringBuilder text)
    {
        if (text.Length == 0) return null;
        var s = text.ToString();
        text.Clear();
        return s;
    }

    ChatCompletionChunk Chunk(int choice, Delta delta, ChunkPonder? ponder = null, ChoiceLogprobs? logprobs = null) =>
        new(id, created, model, [new ChunkChoice(choice, delta, null, ponder, logprobs)]);

    /// <summary>One event, "data: " + JSON + blank line, into the response's pipe; it reaches the client at the next
    /// <see cref="FlushAsync"/>.</summary>
    void Send<T>(T payload)
    {
        var writer = http.Response.BodyWriter;
        writer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(writer)) JsonSerializer.Serialize(json, payload, WireJson.Options);
        writer.Write("\n\n"u8);
    }

    async Task FlushAsync() => await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
}
