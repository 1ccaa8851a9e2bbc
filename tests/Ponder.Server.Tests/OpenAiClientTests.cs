using OpenAI.Chat;

namespace Ponder.Server.Tests;

/// <summary>The official OpenAI .NET client against the real server: every mode, non-streaming and streaming, usage.</summary>
public sealed class OpenAiClientTests(ServerApp server) : IClassFixture<ServerApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Efforts => ["none", "low", "medium", "high", "xhigh"];

    static ChatCompletionOptions Options(string effort) => new()
    {
        ReasoningEffortLevel = new ChatReasoningEffortLevel(effort), Seed = 3, Temperature = 0.8f,
    };

    [Theory, MemberData(nameof(Efforts))]
    public async Task Every_effort_answers_with_usage_that_splits_reasoning_from_answer(string effort)
    {
        var completion = (await server.Chat().CompleteChatAsync([new UserChatMessage("What is 2+3?")], Options(effort), Ct)).Value;

        Assert.Equal(TinyModel.Id, completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.NotNull(completion.Content);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        var reasoning = completion.Usage.OutputTokenDetails.ReasoningTokenCount;
        if (effort == "none") Assert.Equal(0, reasoning);
        else Assert.True(reasoning > 0, $"effort {effort}: no reasoning tokens");
        Assert.True(completion.Usage.OutputTokenCount > reasoning, "no answer tokens");
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
    }

    [Theory, MemberData(nameof(Efforts))]
    public async Task Every_effort_streams_to_the_end_with_usage(string effort)
    {
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in server.Chat().CompleteChatStreamingAsync([new UserChatMessage("Count to three.")], Options(effort), Ct))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }
        Assert.NotNull(finish);
        Assert.NotNull(usage);
        Assert.True(usage!.OutputTokenCount > 0);
        Assert.Equal(effort != "none", usage.OutputTokenDetails.ReasoningTokenCount > 0);
    }

    [Fact]
    public async Task A_multi_turn_conversation_with_a_system_message_is_accepted()
    {
        ChatMessage[] messages =
        [
            new SystemChatMessage("You are terse."), new UserChatMessage("Hi"), new AssistantChatMessage("Hello."),
            new UserChatMessage("What is 1+1?"),
        ];
        var completion = (await server.Chat().CompleteChatAsync(messages, Options("low"), Ct)).Value;
        Assert.True(completion.Usage.InputTokenCount > 10);
    }

    [Fact]
    public async Task The_token_limit_bounds_thought_and_answer_together()
    {
        var options = Options("high");
        options.MaxOutputTokenCount = 8;
        var completion = (await server.Chat().CompleteChatAsync([new UserChatMessage("Think hard.")], options, Ct)).Value;
        Assert.InRange(completion.Usage.OutputTokenCount, 2, 8);
    }

    [Fact]
    public async Task Models_are_listed()
    {
        var models = new OpenAI.Models.OpenAIModelClient(new System.ClientModel.ApiKeyCredential("unused"),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        var list = (await models.GetModelsAsync(Ct)).Value;
        Assert.Contains(list, m => m.Id == TinyModel.Id);
    }
}
