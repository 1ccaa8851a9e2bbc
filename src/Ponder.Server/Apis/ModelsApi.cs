using Microsoft.AspNetCore.Http.HttpResults;
using Ponder.Reasoning;
using Ponder.Server.Hosting;
using Ponder.Server.Wire;

namespace Ponder.Server.Apis;

/// <summary>GET /v1/models and /v1/models/{id}: the loaded models in OpenAI's list shape, with Ponder's extension
/// saying each one's family profile, the modes it can run, its context and how many agents Contemplating may use.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", List);
        v1.MapGet("/models/{id}", Get);
        return v1;
    }

    public static JsonHttpResult<ModelList> List(ModelHost host) =>
        TypedResults.Json(new ModelList(host.Models.Select(Describe).ToList()), WireJson.Options);

    public static JsonHttpResult<ModelCard> Get(string id, ModelHost host) =>
        TypedResults.Json(Describe(host.Find(id)), WireJson.Options);

    static ModelCard Describe(LoadedModel m)
    {
        var profile = m.Reasoner.Profile;
        ReasoningMode[] modes = profile.SupportsThinking ? [ReasoningMode.Instant, ReasoningMode.Thinking, ReasoningMode.Contemplating] : [ReasoningMode.Instant];
        return new ModelCard(m.Id, m.Created.ToUnixTimeSeconds(), new ModelPonderInfo(profile.Name, profile.Description,
            modes.Select(x => x.ToString().ToLowerInvariant()).ToList(), m.Engine.Options.ContextSize, m.Reasoner.Options.MaxAgents));
    }
}

public sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

public sealed record ModelCard(string Id, long Created, ModelPonderInfo Ponder)
{
    public string Object => "model";
    public string OwnedBy => "ponder";
}

public sealed record ModelPonderInfo(string Profile, string Description, IReadOnlyList<string> Modes, int ContextSize, int MaxAgents);
