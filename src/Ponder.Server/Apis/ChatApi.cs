using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Ponder.Reasoning;
using Ponder.Server.Errors;
using Ponder.Server.Hosting;
using Ponder.Server.Telemetry;
using Ponder.Server.Wire;

namespace Ponder.Server.Apis;

/// <summary>POST /v1/chat/completions. The handler reads the body (bounded), parses it into a typed request, maps it to
/// a <see cref="ReasoningRequest"/> per choice, admits it (or 429), and runs it on the model's reasoner with the
/// client's RequestAborted token, so a client that disconnects cancels its sequences. Streaming answers as server-sent
/// events (<see cref="ChatStream"/>); otherwise one JSON completion.</summary>
public static class ChatApi
{
    public static RouteGroupBuilder MapChatApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateAsync);
        return v1;
    }

    public static async Task<Results<JsonHttpResult<ChatCompletion>, EmptyHttpResult>> CreateAsync(
        HttpContext http, ModelHost models, AdmissionGate gate, ServerMetrics metrics, IOptions<ServerOptions> options)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var body = await ReadJsonBodyAsync(http, o.MaxBodyBytes);
        var request = ChatRequestParser.Parse(body, o);
        var model = models.Find(request.Model);
        var runs = Enumerable.Range(0, request.N).Select(i => ReasoningMapping.ToReasoning(request, model.Reasoner, o, i)).ToList();
        foreach (var run in runs) model.Reasoner.Validate(run); // 400 before anything starts
        using var lease = gate.Enter();

        var ct = http.RequestAborted;
        var choices = Channel.CreateUnbounded<(int Choice, ReasoningEvent? Event, Exception? Error)>();
        var producers = runs.Select((run, i) => Task.Run(async () =>
        {
            try { await foreach (var e in model.Reasoner.StreamAsync(run, ct)) choices.Writer.TryWrite((i, e, null)); }
            catch (Exception e) { choices.Writer.TryWrite((i, null, e)); }
        }, CancellationToken.None)).ToArray();
        _ = Task.WhenAll(producers).ContinueWith(_ => choices.Writer.TryComplete(), TaskScheduler.Default);

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        try
        {
            if (request.Stream)
            {
                await new ChatStream(http, id, created, model.Id, request, runs[0].Mode, metrics, clock).WriteAsync(choices.Reader);
                return TypedResults.Empty;
            }
            var results = new ReasoningResult?[request.N];
            var first = false;
            await foreach (var (choice, e, error) in choices.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (error is not null) throw error is OperationCanceledException && ct.IsCancellationRequested ? new OperationCanceledException(ct) : error;
                if (!first && e is ReasoningDelta or AnswerDelta) { first = true; metrics.FirstToken(clock.Elapsed); }
                if (e is ReasoningCompleted done) results[choice] = done.Result;
            }
            var finished = results.Select(r => r ?? throw new InvalidOperationException("a choice ended without a result.")).ToList();
            foreach (var r in finished)
            {
                metrics.Tokens(model.Id, r.Usage.PromptTokens, r.Usage.ReasoningTokens, r.Usage.AnswerTokens);
                metrics.Throughput(r.Usage.CompletionTokens, clock.Elapsed);
            }
            var wire = finished.Select((r, i) => new Choice(i, new AssistantMessage(r.Answer, r.Reasoning.Length > 0 ? r.Reasoning : null),
                ReasoningMapping.FinishReason(r.Finish), ReasoningMapping.Logprobs(r.AnswerLogProbs, r.ReasoningLogProbs), ReasoningMapping.Info(r))).ToList();
            return TypedResults.Json(new ChatCompletion(id, created, model.Id, wire, ReasoningMapping.Usage(finished), wire[0].Ponder), WireJson.Options);
        }
        finally
        {
            // However this ends (a disconnect, an error), the choices' sequences are cancelled and released before the lease is.
            await Task.WhenAll(producers);
        }
    }

    /// <summary>The body as bytes: JSON only (415 otherwise), at most <paramref name="limit"/> bytes (413). An oversized
    /// body is read to its end and dropped (up to Kestrel's hard cap, see PonderServer) before the 413 goes out, so the
    /// client, still sending, receives the answer instead of a reset connection.</summary>
    static async Task<ReadOnlyMemory<byte>> ReadJsonBodyAsync(HttpContext http, long limit)
    {
        var type = http.Request.ContentType;
        if (type is null || !type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await DrainAsync(http);
            throw new ApiException(415, $"Content-Type must be application/json (it is {(type is null ? "missing" : $"'{(type.Length > 64 ? type[..64] : type)}'")}).", null, "unsupported_media_type");
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                await DrainAsync(http);
                throw new ApiException(413, $"the request body is over this server's limit of {limit} bytes.", null, "request_too_large");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    static async Task DrainAsync(HttpContext http)
    {
        var sink = new byte[16 * 1024];
        try { while (await http.Request.Body.ReadAsync(sink, http.RequestAborted) > 0) { } }
        catch (BadHttpRequestException) { /* past Kestrel's hard cap: the connection closes, nothing more to do */ }
    }
}
