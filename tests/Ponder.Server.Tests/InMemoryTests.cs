using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ponder.Server.Tests;

/// <summary>The app's real entry point (Program) in memory through WebApplicationFactory, configured as an operator
/// would (configuration keys), with health answering 503 until the model is loaded and 200 after.</summary>
public sealed class InMemoryTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Program_serves_health_models_and_a_completion_in_memory()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Ponder:Models:0", TinyModel.Path);
            b.UseSetting("Ponder:Threads", "2");
            b.UseSetting("Ponder:ContextSize", "1024");
            b.UseSetting("Ponder:MaxSequences", "4");
        });
        using var http = factory.CreateClient();
        var health = await http.GetAsync("/health", Ct);
        for (var i = 0; i < 400 && health.StatusCode != System.Net.HttpStatusCode.OK; i++)
        {
            Assert.Equal(503, (int)health.StatusCode); // loading
            await Task.Delay(50, Ct);
            health = await http.GetAsync("/health", Ct);
        }
        Assert.Equal(200, (int)health.StatusCode);
        var models = await http.GetFromJsonAsync<JsonNode>("/v1/models", Ct);
        Assert.Equal(TinyModel.Id, (string?)models!["data"]![0]!["id"]);
        var response = await http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("hi") }, reasoning_effort = "none", max_completion_tokens = 3 }, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, (int)(await response.JsonAsync())["usage"]!["completion_tokens"]!);
    }
}
