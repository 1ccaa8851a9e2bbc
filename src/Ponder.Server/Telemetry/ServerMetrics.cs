using System.Diagnostics.Metrics;
using Ponder.Server.Hosting;

namespace Ponder.Server.Telemetry;

/// <summary>The server's instruments, exported as Prometheus text at /metrics through OpenTelemetry: requests by
/// route and status, tokens by kind (prompt, reasoning, answer), the engines' queue length and live sequences, requests
/// in flight, time to first token, and tokens per second per request.</summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Ponder.Server";

    readonly Counter<long> requests;
    readonly Counter<long> tokens;
    readonly Histogram<double> timeToFirstToken;
    readonly Histogram<double> tokensPerSecond;

    public ServerMetrics(IMeterFactory meters, ModelHost models, AdmissionGate gate)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("ponder.requests", "{request}", "HTTP requests by route and status code");
        tokens = meter.CreateCounter<long>("ponder.tokens", "{token}", "tokens by kind: prompt, reasoning, answer");
        timeToFirstToken = meter.CreateHistogram<double>("ponder.time_to_first_token", "s", "from request to the first generated token");
        tokensPerSecond = meter.CreateHistogram<double>("ponder.tokens_per_second", "{token}/s", "completion tokens per second of one request");
        meter.CreateObservableGauge("ponder.queue_length", () => models.Models.Sum(m => m.Engine.Stats.QueuedRequests), "{request}", "requests waiting in the engines' queues");
        meter.CreateObservableGauge("ponder.live_sequences", () => models.Models.Sum(m => m.Engine.Stats.LiveSequences), "{sequence}", "sequences decoding now");
        meter.CreateObservableGauge("ponder.requests_in_flight", () => gate.InFlight, "{request}", "chat requests admitted and not finished");
    }

    public void Request(string route, int status) =>
        requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));

    public void Tokens(string model, int prompt, int reasoning, int answer)
    {
        var m = new KeyValuePair<string, object?>("model", model);
        tokens.Add(prompt, m, new("kind", "prompt"));
        tokens.Add(reasoning, m, new("kind", "reasoning"));
        tokens.Add(answer, m, new("kind", "answer"));
    }

    public void FirstToken(TimeSpan after) => timeToFirstToken.Record(after.TotalSeconds);

    public void Throughput(int completionTokens, TimeSpan elapsed)
    {
        if (completionTokens > 0 && elapsed > TimeSpan.Zero) tokensPerSecond.Record(completionTokens / elapsed.TotalSeconds);
    }

    /// <summary>Middleware: counts every request by its route template (not its raw path, to bound the label set) and status.</summary>
    public static async Task CountAsync(HttpContext http, RequestDelegate next)
    {
        try { await next(http); }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            http.RequestServices.GetRequiredService<ServerMetrics>().Request(route, http.Response.StatusCode);
        }
    }
}
