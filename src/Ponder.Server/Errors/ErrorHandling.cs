using Microsoft.AspNetCore.Diagnostics;
using Ponder.Engine;
using Ponder.Reasoning.Profiles;
using Ponder.Server.Wire;

namespace Ponder.Server.Errors;

/// <summary>Every failure leaves as OpenAI's error object with the right status: refusals the handlers throw
/// (<see cref="ApiException"/>), the reasoning layer's parameter checks (400), a full engine (429), Kestrel's own
/// refusals such as a body over the limit (413), routing's empty 404/405, and anything unexpected (500, no details:
/// the message goes to the log, not the client). No input produces an HTML page.</summary>
public static class ErrorHandling
{
    public static void UseOpenAiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0) return;
            var (message, type) = http.Response.StatusCode switch
            {
                404 => ($"no route {http.Request.Method} {http.Request.Path}; see GET /v1/models and POST /v1/chat/completions.", "not_found_error"),
                405 => ($"{http.Request.Method} is not allowed on {http.Request.Path}.", "invalid_request_error"),
                413 => ("the request body is too large.", "invalid_request_error"),
                >= 500 => ("the server failed; see its log.", "server_error"),
                _ => ($"HTTP {http.Response.StatusCode}.", "invalid_request_error"),
            };
            await WriteAsync(http, http.Response.StatusCode, ErrorBody.Of(message, type));
        });
    }

    static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, body) = Describe(error, http);
        if (status >= 500)
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ponder.Server")
                .LogError(error, "request {Method} {Path} failed", http.Request.Method, http.Request.Path);
        if (status == 429) http.Response.Headers.RetryAfter = RetryAfter(http);
        if (status == 401) http.Response.Headers.WWWAuthenticate = "Bearer";
        await WriteAsync(http, status, body);
    }

    /// <summary>The status and body for an exception; the streaming path uses it for errors after the headers went out.</summary>
    public static (int Status, ErrorBody Body) Describe(Exception? error, HttpContext http) => error switch
    {
        ApiException e => (e.Status, ErrorBody.Of(e.Message, e.Type, e.Param, e.Code)),
        BadHttpRequestException { StatusCode: 413 } => (413, ErrorBody.Of(
            $"the request body is larger than the server's limit of {http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.MaxBodyBytes} bytes.",
            "invalid_request_error", null, "request_too_large")),
        BadHttpRequestException e => (e.StatusCode, ErrorBody.Of($"bad request: {e.Message}", "invalid_request_error")),
        EngineOverCapacityException e => (429, ErrorBody.Of($"the server is at capacity; retry later ({e.Message})", "rate_limit_error", null, "server_busy")),
        ReasoningModeNotSupportedException e => (400, ErrorBody.Of(e.Message, "invalid_request_error", "reasoning_effort", "unsupported_mode")),
        ArgumentException e => (400, ErrorBody.Of(e.Message, "invalid_request_error", WireNames.Param(e.ParamName), "invalid_value")),
        _ => (500, ErrorBody.Of("the server failed while handling the request; see its log.", "server_error")),
    };

    public static string RetryAfter(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.RetryAfterSeconds.ToString();

    public static async Task WriteAsync(HttpContext http, int status, ErrorBody body)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(body, WireJson.Options, http.RequestAborted);
    }
}
