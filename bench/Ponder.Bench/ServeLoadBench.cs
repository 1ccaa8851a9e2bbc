using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ponder.Engine;
using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Reasoning.Profiles;
using Ponder.Server;

namespace Ponder.Bench;

/// <summary>`serve-load`: C concurrent streaming clients against `ponder serve` on loopback, request after request (the
/// same question; Thinking under a budget by default, or Instant), against the engine alone keeping C sequences of the
/// same prompt and sampling in flight. The two alternate in rounds (server, engine, server, engine, …) with both
/// loaded, so load from elsewhere on a shared machine falls on both alike; the ratio is summed tokens over summed
/// time, server over engine. Also: errors, resident memory over the server's rounds, time to first token (p50/p99).
/// The server runs in this process, so RSS includes the clients; both sides share the machine's cores equally.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- serve-load [--clients 32] [--seconds 60] [--rounds 3]
///      [--mode thinking|instant] [--budget 192] [--tokens 48] [--engine-seconds SECONDS] [--depth 4 | --model FILE.gguf]</summary>
static class ServeLoadBench
{
    public const string Summary = "32 streaming clients against ponder serve on loopback vs the engine's own batched rate, in alternating rounds";

    const string Question = "What is 347 + 589?";

    public static async Task<int> Run(string[] argv)
    {
        var args = new BenchArgs(argv);
        int clients = args.Int("clients", 32), seconds = args.Int("seconds", 60), tokens = args.Int("tokens", 48);
        int rounds = Math.Max(1, args.Int("rounds", 3)), engineSeconds = args.Int("engine-seconds", seconds);
        var thinking = args.Get("mode", "thinking") switch
        {
            "thinking" => true, "instant" => false,
            var other => throw new ArgumentException($"--mode {other}: expected thinking or instant."),
        };
        var budget = thinking ? args.Int("budget", 192) : 0;
        var path = args.Get("model", "") is { Length: > 0 } m ? m : PonderModel(args.Int("depth", 4));
        var id = Path.GetFileNameWithoutExtension(path);
        Console.WriteLine($"serve-load: {clients} clients, {rounds} rounds of {seconds / (double)rounds:F0} s server + {engineSeconds / (double)rounds:F0} s engine alone, " +
            $"{(thinking ? $"Thinking (budget {budget}, answer ≤ {tokens})" : $"Instant (≤ {tokens} tokens)")}, model {path} ({new FileInfo(path).Length / 1e6:F1} MB), {Environment.ProcessorCount} cores");
        var cells = (clients + 4) * (budget + tokens + 64);

        // The server, on loopback
        var app = PonderServer.Build(["--model", path, "--port", "0"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ponder:MaxSequences"] = (clients + 4).ToString(), ["Ponder:ContextSize"] = cells.ToString(),
                ["Ponder:MaxRequestsInFlight"] = (clients * 2).ToString(),
            });
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        while ((await http.GetAsync("/health")).StatusCode != System.Net.HttpStatusCode.OK) await Task.Delay(100);
        var mode = thinking ? $"\"ponder\":{{\"mode\":\"thinking\",\"thinking_budget\":{budget}}}" : "\"reasoning_effort\":\"none\"";
        var body = $$"""{"model":"{{id}}","messages":[{"role":"user","content":"{{Question}}"}],"stream":true,"stream_options":{"include_usage":true},{{mode}},"max_completion_tokens":{{budget + tokens}},"temperature":0.7,"top_p":0.95}""";
        await OneRequestAsync(http, body); // warm-up

        // The engine alone: the same prompt and sampling (thought and answer in one sequence, ending at end of turn)
        var engine = app.Services.GetRequiredService<Ponder.Server.Hosting.ModelHost>().Models[0].Engine;
        var promptTokens = engine.Tokenize(ModelProfiles.Ponder.FormatPrompt([ChatMessage.User(Question)], thinking));
        await using var alone = InferenceLoop.Start(new EngineOptions(path, ContextSize: cells, MaxSequences: clients + 4, BatchSize: 512));
        var sampling = new Ponder.Engine.SamplingOptions(Temperature: 0.7f, TopP: 0.95f, MaxTokens: budget + tokens);
        await alone.Generate(GenerationRequest.FromTokens(promptTokens, sampling)).CollectAsync(); // warm-up

        var ttft = new System.Collections.Concurrent.ConcurrentBag<double>();
        long completionTokens = 0, requests = 0, errors = 0, engineTokens = 0;
        double served = 0, engineTime = 0;
        var rss = new List<(double At, double Mb)>();
        var perRound = new List<(double Server, double Engine)>();
        for (var round = 0; round < rounds; round++)
        {
            // Server round
            long tokensBefore = completionTokens;
            var clock = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds / (double)rounds);
            var sampler = Task.Run(async () =>
            {
                while (clock.Elapsed < until)
                {
                    rss.Add((served + clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().WorkingSet64 / 1e6));
                    await Task.Delay(5000);
                }
            });
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < until)
                {
                    try
                    {
                        var (first, count) = await OneRequestAsync(http, body);
                        ttft.Add(first);
                        Interlocked.Add(ref completionTokens, count);
                        Interlocked.Increment(ref requests);
                    }
                    catch (Exception e)
                    {
                        if (Interlocked.Increment(ref errors) <= 3) Console.WriteLine($"error: {e.Message}");
                    }
                }
            })));
            var serverSeconds = clock.Elapsed.TotalSeconds;
            await sampler;
            served += serverSeconds;

            // Engine round: C sequences at a time, each replaced when it ends
            long engineBefore = engineTokens;
            var engineClock = Stopwatch.StartNew();
            var engineUntil = TimeSpan.FromSeconds(engineSeconds / (double)rounds);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (engineClock.Elapsed < engineUntil)
                {
                    var result = await alone.Generate(GenerationRequest.FromTokens(promptTokens, sampling)).CollectAsync();
                    Interlocked.Add(ref engineTokens, result.Tokens.Count());
                }
            })));
            engineTime += engineClock.Elapsed.TotalSeconds;
            perRound.Add(((completionTokens - tokensBefore) / serverSeconds, (engineTokens - engineBefore) / engineClock.Elapsed.TotalSeconds));
            Console.WriteLine($"round {round + 1}: server {perRound[^1].Server:F0} tokens/s, engine alone {perRound[^1].Engine:F0} tokens/s, ratio {perRound[^1].Server / perRound[^1].Engine:F2}");
        }
        rss.Add((served, Process.GetCurrentProcess().WorkingSet64 / 1e6));
        await app.StopAsync();
        await app.DisposeAsync();

        var serverRate = completionTokens / served;
        var engineRate = engineTokens / engineTime;
        var sorted = ttft.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"server  {requests} requests, {errors} errors, {completionTokens} completion tokens in {served:F1} s → {serverRate:F0} tokens/s");
        Console.WriteLine($"engine  {engineTokens} tokens in {engineTime:F1} s at {clients} sequences → {engineRate:F0} tokens/s");
        Console.WriteLine($"ratio   server / engine = {serverRate / engineRate:F2} (per round: {string.Join(" ", perRound.Select(r => (r.Server / r.Engine).ToString("F2")))})");
        Console.WriteLine($"TTFT    p50 {P(0.50) * 1000:F0} ms, p99 {P(0.99) * 1000:F0} ms (client side, to the first reasoning or content token)");
        Console.WriteLine($"RSS     {string.Join(", ", rss.Select(r => $"{r.At:F0}s {r.Mb:F0} MB"))}");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>One streaming request: seconds to the first content token, and the completion tokens from the usage chunk.</summary>
    static async Task<(double FirstToken, long Tokens)> OneRequestAsync(HttpClient http, string body)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double? first = null;
        long count = -1;
        var done = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ")) continue;
            var data = line[6..];
            if (data == "[DONE]") { done = true; break; }
            // Scanned, not parsed, per chunk: the clients share the process and its two cores with the server
            if (data.StartsWith("{\"error\"")) throw new InvalidOperationException(data);
            if (first is null && (data.Contains("\"content\":\"") || data.Contains("\"reasoning_content\":\"")) && !data.Contains("content\":\"\""))
                first = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (data.Contains("\"usage\":{")) count = (long)JsonNode.Parse(data)!["usage"]!["completion_tokens"]!;
        }
        if (!done || count < 0) throw new InvalidOperationException("the stream ended without usage or [DONE]");
        return (first ?? Stopwatch.GetElapsedTime(start).TotalSeconds, count);
    }

    /// <summary>A random-weight Ponder model of the given depth (Ponder's vocabulary and chat template), as `ponder demo` makes.</summary>
    static string PonderModel(int depth)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-d{depth}-random-{Environment.ProcessId}.gguf");
        var vocabulary = PonderVocabulary.Build();
        var config = LlamaConfig.FromDepth(depth, vocabulary.Count, contextLength: 4096);
        using var model = LlamaModel.Random(config, seed: 1);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        model.Save(path, keys, GgmlType.F32, name: $"ponder-d{depth}-random");
        Console.WriteLine($"model   depth {depth}: {config.ParameterCount / 1e6:F2}M parameters (random weights: the text is noise, the load is real)");
        return path;
    }
}
