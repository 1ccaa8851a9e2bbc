using System.Net.Http.Headers;
using System.Text;

namespace Ponder.Server.Tests;

/// <summary>Refusals come back in OpenAI's error shape with the right status and the parameter named.</summary>
public sealed class ErrorTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature", "invalid_type")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"temperature":9}""", "temperature", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"max_tokens":1e300}""", "max_tokens", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"max_completion_tokens":-1}""", "max_completion_tokens", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role", "invalid_role")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user"}]}""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"ponder-tiny"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"stop":[1]}""", "stop[0]", "invalid_type")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"reasoning_effort":"extreme"}""", "reasoning_effort", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"ponder":{"agents":1000}}""", "ponder.agents", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"ponder":{"mode":"dreaming"}}""", "ponder.mode", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"n":0}""", "n", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"top_logprobs":3}""", "top_logprobs", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"logprobs":true,"top_logprobs":21}""", "top_logprobs", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"logprobs":true,"top_logprobs":-1}""", "top_logprobs", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"logprobs":true,"top_logprobs":2.5}""", "top_logprobs", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"logprobs":"yes"}""", "logprobs", "invalid_type")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"stop":["a","b","c","d","e"]}""", "stop", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"stop":""}""", "stop", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"stop":["a",""]}""", "stop", "invalid_value")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"user","content":"x"}],"stop":7}""", "stop", "invalid_type")]
    [InlineData("""{"model":"ponder-tiny","messages":[{"role":"assistant","content":"x"}]}""", "messages", "invalid_value")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string json, string param, string code)
    {
        var error = await (await server.Http.PostAsync("/v1/chat/completions", Wire.Json(json), Ct)).ErrorAsync(400);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var error = await (await server.Http.PostAsync("/v1/chat/completions", Wire.Json("{\"model\":"), Ct)).ErrorAsync(400);
        Assert.Equal("invalid_json", (string?)error["code"]);
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        var error = await (await server.Http.PostAsync(new { model = "gpt-9", messages = new[] { Wire.User("x") } }, Ct)).ErrorAsync(404);
        Assert.Equal("model_not_found", (string?)error["code"]);
        Assert.Equal("model", (string?)error["param"]);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_are_404_and_405_in_json()
    {
        await (await server.Http.GetAsync("/v1/nothing", Ct)).ErrorAsync(404);
        await (await server.Http.GetAsync("/v1/chat/completions", Ct)).ErrorAsync(405);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var content = new StringContent("model=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await (await server.Http.PostAsync("/v1/chat/completions", content, Ct)).ErrorAsync(415);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var giant = new string('a', 2 << 20);
        await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User(giant) } }, Ct)).ErrorAsync(413);
        // Without a Content-Length too (chunked), the limit holds while reading
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"model":"x","messages":[{"role":"user","content":"{{giant}}"}]}""")));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await server.Http.SendAsync(request, Ct)).ErrorAsync(413);
    }

    [Fact]
    public async Task Too_many_tokens_for_the_server_is_400()
    {
        var error = await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("x") }, max_completion_tokens = 100000 }, Ct)).ErrorAsync(400);
        Assert.Equal("max_completion_tokens", (string?)error["param"]);
    }
}

/// <summary>A server with API keys (from a file, as an operator would configure them).</summary>
public sealed class KeyedServer() : ServerApp(new() { ["Ponder:ApiKeysFile"] = KeyFile(), ["TestKey"] = null })
{
    public const string Key = "sk-ponder-test-0123456789";

    static string KeyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-keys-{Environment.ProcessId}.txt");
        File.WriteAllText(path, $"# test keys\nsk-other-key\n{Key}\n");
        return path;
    }
}

public sealed class AuthTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_v1_route_needs_a_valid_key_and_health_does_not()
    {
        var error = await (await server.Http.GetAsync("/v1/models", Ct)).ErrorAsync(401);
        Assert.Equal("authentication_error", (string?)error["type"]);
        await (await server.Http.PostAsync(new { model = TinyModel.Id, messages = new[] { Wire.User("x") } }, Ct)).ErrorAsync(401);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedServer.Key + "x");
        Assert.Equal("invalid_api_key", (string?)(await (await server.Http.SendAsync(wrong, Ct)).ErrorAsync(401))["code"]);

        var right = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedServer.Key);
        Assert.Equal(200, (int)(await server.Http.SendAsync(right, Ct)).StatusCode);
        Assert.Equal(200, (int)(await server.Http.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAI_client_works_with_the_key_and_fails_without()
    {
        var ok = await server.Chat(KeyedServer.Key).CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")],
            new OpenAI.Chat.ChatCompletionOptions { ReasoningEffortLevel = new("none") }, Ct);
        Assert.True(ok.Value.Usage.OutputTokenCount > 0);
        var failure = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() =>
            server.Chat("sk-wrong").CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")], cancellationToken: Ct));
        Assert.Equal(401, failure.Status);
    }
}
