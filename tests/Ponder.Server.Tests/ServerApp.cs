using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenAI;
using OpenAI.Chat;
using Ponder.Engine;
using Ponder.Server.Hosting;

namespace Ponder.Server.Tests;

/// <summary>The real server on Kestrel, loopback, a free port, on the tiny model, with test-sized defaults (short
/// budgets and answers, 3 agents). Extra settings (keys, limits) come as "Ponder:Key" = value pairs. Started once per
/// test class as a fixture; every test talks to it over real HTTP.</summary>
public class ServerApp : IAsyncLifetime
{
    readonly Dictionary<string, string?> settings;
    WebApplication? app;

    public ServerApp() : this([]) { }

    protected ServerApp(Dictionary<string, string?> extra)
    {
        settings = new()
        {
            ["Ponder:ContextSize"] = "2048", ["Ponder:MaxSequences"] = "16", ["Ponder:Threads"] = "2",
            ["Ponder:BudgetMinimal"] = "4", ["Ponder:BudgetLow"] = "8", ["Ponder:BudgetMedium"] = "12", ["Ponder:BudgetHigh"] = "16",
            ["Ponder:DefaultMaxAnswerTokens"] = "12", ["Ponder:DefaultAgents"] = "3",
        };
        foreach (var (k, v) in extra) settings[k] = v;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;
    public InferenceLoop Engine => Services.GetRequiredService<ModelHost>().Models[0].Engine;

    public ChatClient Chat(string? key = "unused") => new(TinyModel.Id, new System.ClientModel.ApiKeyCredential(key ?? "unused"),
        new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });

    public async ValueTask InitializeAsync()
    {
        app = PonderServer.Build(["--model", TinyModel.Path, "--port", "0", "--bind", "127.0.0.1"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1"));
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (settings.TryGetValue("TestKey", out var key) && key is not null)
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < 600 && (await Http.GetAsync("/health")).StatusCode != System.Net.HttpStatusCode.OK; i++) await Task.Delay(50);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        GC.SuppressFinalize(this);
    }
}
