using Microsoft.AspNetCore.Http.HttpResults;
using Ponder.Server.Hosting;
using Ponder.Server.Wire;

namespace Ponder.Server.Apis;

/// <summary>GET /health: 200 {"status":"ok"} once every model is loaded; 503 while loading, or when loading failed
/// (with the reason), so a load balancer sends no traffic yet. Open without an API key, like /metrics.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check);
        return app;
    }

    public static JsonHttpResult<Health> Check(ModelHost host, AdmissionGate gate) => host.State switch
    {
        ModelHostState.Ready => TypedResults.Json(new Health("ok", host.Models.Select(m => m.Id).ToList(), gate.InFlight,
            host.Models.Sum(m => m.Engine.Stats.LiveSequences), host.Models.Sum(m => m.Engine.Stats.QueuedRequests)), WireJson.Options),
        ModelHostState.Loading => TypedResults.Json(new Health("loading", [], 0, 0, 0), WireJson.Options, statusCode: 503),
        _ => TypedResults.Json(new Health("failed", [], 0, 0, 0, host.Failure), WireJson.Options, statusCode: 503),
    };
}

public sealed record Health(string Status, IReadOnlyList<string> Models, int RequestsInFlight, int LiveSequences, int QueuedRequests,
    string? Error = null);
