using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ponder.Engine;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Eval.Backends;

/// <summary>An OpenAI-compatible endpoint (vLLM, llama.cpp server, another Ponder) as a reasoning backend.
/// POST {base}/v1/chat/completions with reasoning_effort (none → Instant, medium → Thinking, xhigh → Contemplating) and
/// Ponder's extension "ponder": {mode, agents, thinking_budget}, which other servers ignore; max_completion_tokens is
/// the budget plus the answer. Reads message.content, message.reasoning_content (or "reasoning", as vLLM sends it),
/// usage.completion_tokens_details.reasoning_tokens, and Ponder's "ponder" object when the server sends one.
/// Connection failures, timeouts, 408, 429 and 5xx are retried with exponential back-off; then, or at once for any other
/// error status, a <see cref="RemoteEndpointException"/> says what failed and what to check. JSON stays in this file.</summary>
public sealed class RemoteBackend : IReasoningBackend
{
    readonly HttpClient http;
    readonly string url;
    readonly string? model;
    readonly RemoteOptions options;

    public RemoteBackend(string baseUrl, string? model, string? apiKey, RemoteOptions? options = null, HttpMessageHandler? handler = null)
    {
        this.options = options ?? new();
        this.model = model;
        url = baseUrl.TrimEnd('/') + "/v1/chat/completions";
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = this.options.EffectiveRequestTimeout;
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public int MaxAgents => options.MaxAgents;

    public async Task<ReasoningResult> RunAsync(ReasoningRequest request, CancellationToken cancellationToken)
    {
        var body = Body(request).ToJsonString();
        var clock = Stopwatch.StartNew();
        var delay = options.EffectiveFirstDelay;
        string? lastFailure = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(delay.TotalMilliseconds / 4) + 1)), cancellationToken);
                delay *= 2;
            }
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, content, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode) return Parse(text, request.Mode, clock.Elapsed);
                lastFailure = $"HTTP {(int)response.StatusCode} {ErrorMessage(text)}";
                if (!Retryable(response.StatusCode))
                    throw new RemoteEndpointException($"{url} refused the request: {lastFailure}. Check the model name, the key and the mode's settings.");
            }
            catch (HttpRequestException e)
            {
                lastFailure = e.InnerException?.Message ?? e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = $"no answer within {options.EffectiveRequestTimeout.TotalSeconds:F0} s";
            }
        }
        throw new RemoteEndpointException(
            $"could not get an answer from {url} after {options.MaxAttempts} attempts over {clock.Elapsed.TotalSeconds:F1} s (last: {lastFailure}). " +
            "Check that the server is running and the URL is its base (e.g. http://localhost:8080); rerun the same command to resume — items done so far are kept.");
    }

    static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    JsonObject Body(ReasoningRequest request)
    {
        var budget = request.ThinkingBudget ?? 0;
        var ponder = new JsonObject { ["mode"] = request.Mode.ToString().ToLowerInvariant() };
        if (request.Mode != ReasoningMode.Instant) ponder["thinking_budget"] = budget;
        if (request.Mode == ReasoningMode.Contemplating) ponder["agents"] = request.Agents;
        var messages = new JsonArray();
        foreach (var m in request.Messages)
            messages.Add(new JsonObject { ["role"] = m.Role.ToString().ToLowerInvariant(), ["content"] = m.Content });
        var body = new JsonObject
        {
            ["model"] = model ?? "default",
            ["messages"] = messages,
            ["max_completion_tokens"] = request.MaxAnswerTokens + (request.Mode == ReasoningMode.Instant ? 0 : budget),
            ["temperature"] = request.Temperature,
            ["top_p"] = request.TopP,
            ["reasoning_effort"] = request.Mode switch
            {
                ReasoningMode.Instant => "none",
                ReasoningMode.Thinking => "medium",
                _ => "xhigh",
            },
            ["ponder"] = ponder,
        };
        if (request.Seed is { } seed) body["seed"] = seed;
        return body;
    }

    internal static ReasoningResult Parse(string json, ReasoningMode requested, TimeSpan elapsed)
    {
        JsonNode root;
        try { root = JsonNode.Parse(json) ?? throw new JsonException("empty body"); }
        catch (JsonException e) { throw new RemoteEndpointException($"the server's answer is not JSON ({e.Message}): {Clip(json)}"); }
        var choice = root["choices"]?[0] ?? throw new RemoteEndpointException($"the server's answer has no choices: {Clip(json)}");
        var message = choice["message"];
        var content = message?["content"]?.GetValue<string>() ?? "";
        var reasoning = message?["reasoning_content"]?.GetValue<string>() ?? message?["reasoning"]?.GetValue<string>() ?? "";
        var usage = root["usage"];
        var prompt = Int(usage?["prompt_tokens"]);
        var completion = Int(usage?["completion_tokens"]);
        var reasoningTokens = Int(usage?["completion_tokens_details"]?["reasoning_tokens"]);
        var ponder = root["ponder"] ?? choice["ponder"];
        var mode = ponder?["mode"]?.GetValue<string>() is { } m && Enum.TryParse<ReasoningMode>(m, true, out var parsed) ? parsed : requested;
        var thoughtEnd = ponder?["thought_end"]?.GetValue<string>() is { } t && Enum.TryParse<ThoughtEnd>(t, true, out var te) ? te : ThoughtEnd.None;
        var injected = Int(ponder?["injected_tokens"]);
        var finish = choice["finish_reason"]?.GetValue<string>() == "length" ? FinishReason.Length : FinishReason.Stop;
        ContemplationSummary? contemplation = null;
        if (ponder?["agents"] is JsonObject a)
        {
            var each = (a["each"] as JsonArray ?? []).Select(x => new AgentSummary(Int(x?["agent"]), x?["answer"]?.GetValue<string>() ?? "", "",
                x?["confidence"]?.GetValue<double>() ?? 0, Int(x?["reasoning_tokens"]), Int(x?["answer_tokens"]),
                x?["thought_end"]?.GetValue<string>() is { } e && Enum.TryParse<ThoughtEnd>(e, true, out var v) ? v : ThoughtEnd.None,
                FinishReason.Stop)).ToList();
            contemplation = new ContemplationSummary(Int(a["run"]), Int(a["stopped_early"]), Int(a["agreed"]),
                a["winning_share"]?.GetValue<double>() ?? 0, a["refined"]?.GetValue<bool>() ?? false, a["early_stop_threshold"]?.GetValue<double?>(), each);
        }
        var answerTokens = Math.Max(0, completion - reasoningTokens);
        return new ReasoningResult(mode, content, reasoning, finish, thoughtEnd,
            new ReasoningUsage(prompt, reasoningTokens, answerTokens, injected, [new AgentUsage(0, reasoningTokens, answerTokens, injected)]),
            contemplation, elapsed);
    }

    static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : node is JsonValue d && d.TryGetValue<double>(out var x) ? (int)x : 0;

    static string ErrorMessage(string body)
    {
        try { return JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() ?? Clip(body); }
        catch (JsonException) { return Clip(body); }
    }

    static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
