using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Ponder.Reasoning;
using Ponder.Server.Errors;
using Ponder.Server.Telemetry;
using Ponder.Server.Wire;

namespace Ponder.Server.Apis;

/// <summary>Writes one streaming chat completion as server-sent events. The headers wait for the first event, so a
/// request refused before it starts (a full engine) still gets a proper status code; after that, an error is one
/// data: {"error":…} event. Per choice: a role chunk; Thinking's thought as delta.reasoning_content, then the answer as
/// delta.content. Contemplating streams each agent's progress in "ponder" as it happens, holds the voted (or refined)
/// answer until the agents are done, then sends the winner's thought as reasoning_content and the answer as content,
/// so every client sees reasoning before content. Then finish_reason, the usage chunk if asked for, and [DONE].</summary>
public sealed class ChatStream(HttpContext http, string id, long created, string model, ChatCompletionRequest request,
    ReasoningMode mode, ServerMetrics metrics, Stopwatch clock)
{
    readonly Dictionary<int, StopFilter> stops = [];
    readonly Dictionary<int, System.Text.StringBuilder> heldAnswers = [];
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
                await SendAsync(body);
                break;
            }
            await StartAsync();
            await OnEventAsync(choice, e!);
        }
        if (ct.IsCancellationRequested) return;
        await StartAsync();
        if (request.IncludeUsage && results.Count == request.N)
            await SendAsync(new ChatCompletionChunk(id, created, model, [], ReasoningMapping.Usage(results)));
        await http.Response.WriteAsync("data: [DONE]\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    async Task StartAsync()
    {
        if (started) return;
        started = true;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        for (var i = 0; i < request.N; i++) await SendAsync(Chunk(i, new Delta(Role: "assistant", Content: "")));
    }

    async Task OnEventAsync(int choice, ReasoningEvent e)
    {
        if (!firstToken && e is ReasoningDelta or AnswerDelta) { firstToken = true; metrics.FirstToken(clock.Elapsed); }
        var contemplating = mode == ReasoningMode.Contemplating;
        switch (e)
        {
            case ReasoningDelta d when !contemplating:
                await SendAsync(Chunk(choice, new Delta(ReasoningContent: d.Text)));
                break;
            case AnswerDelta { Agent: null } d: // Contemplating's final answer: held until its thought can go first
                (heldAnswers.TryGetValue(choice, out var held) ? held : heldAnswers[choice] = new()).Append(d.Text);
                break;
            case AnswerDelta d when !contemplating:
                await SendContentAsync(choice, d.Text);
                break;
            case AnswerDelta d:
                await SendAsync(Chunk(choice, new Delta(), ponder: new ChunkPonder(d.Agent!.Value, AnswerDelta: d.Text)));
                break;
            case AgentProgress p when contemplating: // one agent's progress says nothing the thought's own stream does not
                await SendAsync(Chunk(choice, new Delta(), ponder: new ChunkPonder(p.Agent, p.State.ToString(), p.Tokens, Math.Round(p.Confidence, 4))));
                break;
            case ReasoningCompleted { Result: var r }:
                results.Add(r);
                metrics.Tokens(model, r.Usage.PromptTokens, r.Usage.ReasoningTokens, r.Usage.AnswerTokens);
                metrics.Throughput(r.Usage.CompletionTokens, clock.Elapsed);
                if (r.Mode == ReasoningMode.Contemplating)
                {
                    if (r.Reasoning.Length > 0) await SendAsync(Chunk(choice, new Delta(ReasoningContent: r.Reasoning)));
                    await SendContentAsync(choice, heldAnswers.TryGetValue(choice, out var answer) ? answer.ToString() : r.Answer);
                }
                var filter = Filter(choice);
                var rest = filter.Flush();
                if (rest.Length > 0) await SendAsync(Chunk(choice, new Delta(Content: rest)));
                await SendAsync(new ChatCompletionChunk(id, created, model,
                    [new ChunkChoice(choice, new Delta(), filter.Stopped ? "stop" : ReasoningMapping.FinishReason(r.Finish))],
                    Ponder: ReasoningMapping.Info(r)));
                break;
        }
    }

    async Task SendContentAsync(int choice, string text)
    {
        var kept = Filter(choice).Push(text);
        if (kept.Length > 0) await SendAsync(Chunk(choice, new Delta(Content: kept)));
    }

    StopFilter Filter(int choice) => stops.TryGetValue(choice, out var f) ? f : stops[choice] = new StopFilter(request.Stop);

    ChatCompletionChunk Chunk(int choice, Delta delta, ChunkPonder? ponder = null) =>
        new(id, created, model, [new ChunkChoice(choice, delta, null, ponder)]);

    /// <summary>One event in one write and one flush: "data: " + JSON + blank line.</summary>
    async Task SendAsync<T>(T payload)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, WireJson.Options);
        var frame = new byte[json.Length + 8];
        "data: "u8.CopyTo(frame);
        json.CopyTo(frame, 6);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        await http.Response.Body.WriteAsync(frame, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
