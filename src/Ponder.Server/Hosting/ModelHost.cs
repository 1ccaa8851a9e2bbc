using Microsoft.Extensions.Options;
using Ponder.Engine;
using Ponder.Reasoning;
using Ponder.Server.Errors;

namespace Ponder.Server.Hosting;

/// <summary>Loads the configured models in the background when the app starts (so /health can answer 503 "loading"
/// meanwhile), owns their engines, and disposes them when the app stops. Each model gets one engine (one inference
/// loop owns its llama.cpp context) and one reasoner shared by every request.</summary>
public sealed class ModelHost(IOptions<ServerOptions> options, ILogger<ModelHost> logger) : BackgroundService
{
    volatile IReadOnlyList<LoadedModel> models = [];

    public ModelHostState State { get; private set; } = ModelHostState.Loading;
    public string? Failure { get; private set; }
    public IReadOnlyList<LoadedModel> Models => models;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var o = options.Value;
        try
        {
            if (o.Models.Length == 0)
                throw new InvalidOperationException("no model configured: pass --model FILE.gguf (or set Ponder:Models in appsettings.json).");
            var loaded = new List<LoadedModel>();
            foreach (var path in o.Models)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: o.ContextSize, MaxSequences: o.MaxSequences,
                    BatchSize: Math.Max(512, o.MaxSequences), Threads: o.Threads, QueueCapacity: o.QueueCapacity), logger);
                var reasoner = Reasoner.For(engine, o.Profile);
                var id = System.IO.Path.GetFileNameWithoutExtension(path);
                loaded.Add(new LoadedModel(id, path, engine, reasoner, DateTimeOffset.UtcNow));
                logger.LogInformation("model {Id} loaded from {Path}: profile {Profile}, {Agents} agents at most", id, path, reasoner.Profile.Name, reasoner.Options.MaxAgents);
                models = loaded.ToArray();
            }
            State = ModelHostState.Ready;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failure = e.Message;
            State = ModelHostState.Failed;
            logger.LogError("loading models failed: {Message}", e.Message);
        }
    }, stoppingToken);

    /// <summary>The model a request names, or 404 (unknown id) / 503 (still loading, or loading failed).</summary>
    public LoadedModel Find(string id)
    {
        if (State == ModelHostState.Loading) throw new ApiException(503, "the server is still loading its models; retry shortly.", null, "model_loading", "server_error");
        if (State == ModelHostState.Failed) throw new ApiException(503, $"the server has no usable model: {Failure}", null, "model_load_failed", "server_error");
        return models.FirstOrDefault(m => m.Id == id) ?? throw new ApiException(404,
            $"The model '{(id.Length > 64 ? id[..64] + "…" : id)}' does not exist; this server has {string.Join(", ", models.Select(m => m.Id))}.", "model", "model_not_found");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var m in models) await m.Engine.DisposeAsync();
        models = [];
    }
}

public enum ModelHostState { Loading, Ready, Failed }
