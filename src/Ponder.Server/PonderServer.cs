using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Ponder.Server.Apis;
using Ponder.Server.Errors;
using Ponder.Server.Hosting;
using Ponder.Server.Security;
using Ponder.Server.Telemetry;

namespace Ponder.Server;

/// <summary>`ponder serve`: Ponder's modes behind OpenAI's chat API, plus a web chat page, on Kestrel.
///   POST /v1/chat/completions   reasoning_effort none|minimal|low|medium|high|xhigh, or "ponder": {mode, agents, thinking_budget}
///   GET  /v1/models, /v1/models/{id}, /health, /metrics (Prometheus), / (the chat page)
/// stop (up to 4 strings) ends the answer in the engine — never the thought — and logprobs/top_logprobs report the
/// answer's sampled tokens (and, in choices[].logprobs.reasoning_content, the thought's): see Wire/ChoiceLogprobs.cs.
/// Run: ./ponder serve --model model.gguf [--port 8080] [--bind 127.0.0.1] [--api-keys-file keys.txt]</summary>
public static class PonderServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, ServerOptions.Flags);
        builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, o) =>
        {
            kestrel.Listen(IPAddress.Parse(o.Value.Bind), o.Value.Port);
            // The handler enforces MaxBodyBytes (413) and drains a larger body so the client sees the answer; Kestrel's
            // cap, higher, stops a client that would stream without end
            kestrel.Limits.MaxRequestBodySize = o.Value.MaxBodyBytes + (16 << 20);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<ModelHost>().AddHostedService(s => s.GetRequiredService<ModelHost>());
        builder.Services.AddSingleton<AdmissionGate>().AddSingleton<ApiKeys>().AddSingleton<ServerMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ServerMetrics.MeterName).AddPrometheusExporter());
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(ServerMetrics.CountAsync);
        app.UseOpenAiErrors();
        app.MapWebPage();
        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGroup("/v1").AddEndpointFilter(ApiKeys.RequireAsync).MapChatApi().MapModelsApi();
        return app;
    }

    /// <summary>Builds and runs the server until Ctrl+C; what the CLI's `ponder serve` calls.</summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        await Build(args).RunAsync(cancellationToken);
}
