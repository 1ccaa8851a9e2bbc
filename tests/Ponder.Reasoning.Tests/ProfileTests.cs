using Ponder.Model.Tokenizer;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning.Tests;

public sealed class ProfileTests
{
    [Theory]
    [InlineData("{{ bos_token }}{% for m in messages %}<|user|>{{ m.content }}<|end|><|assistant|>{% endfor %}", "llama", "ponder")]
    [InlineData("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>{% endfor %}", "qwen3", "chatml")]
    [InlineData("<|begin_of_text|>{% for m in messages %}<|start_header_id|>{{ m.role }}<|end_header_id|>{% endfor %}", "llama", "llama3")]
    [InlineData("{% for m in messages %}<start_of_turn>{{ m.role }}\n{{ m.content }}<end_of_turn>{% endfor %}", "gemma3", "gemma")]
    [InlineData("", "gemma2", "gemma")]
    [InlineData("", "llama", "completion")]
    public void Profile_is_chosen_from_the_chat_template_then_the_architecture(string template, string architecture, string expected)
    {
        var metadata = new Dictionary<string, string> { ["general.architecture"] = architecture };
        if (template.Length > 0) metadata["tokenizer.chat_template"] = template;
        Assert.Equal(expected, ProfileResolver.Resolve(metadata).Name);
    }

    [Fact]
    public async Task Models_written_by_Ponder_select_their_profiles_from_what_llama_cpp_reads()
    {
        await using (var ponder = ReasoningModels.Start(ReasoningModels.Ponder)) Assert.Same(ModelProfiles.Ponder, Reasoner.For(ponder).Profile);
        await using (var qwen = ReasoningModels.Start(ReasoningModels.Qwen)) Assert.Same(ModelProfiles.ChatML, Reasoner.For(qwen).Profile);
    }

    [Fact]
    public void A_profile_name_overrides_the_metadata_and_an_unknown_name_lists_the_valid_ones()
    {
        var metadata = new Dictionary<string, string> { ["tokenizer.chat_template"] = "<|im_start|>" };
        Assert.Same(ModelProfiles.Gemma, ProfileResolver.Resolve(metadata, "Gemma"));
        var e = Assert.Throws<ArgumentException>(() => ProfileResolver.Resolve(metadata, "vicuna"));
        Assert.Contains("unknown profile 'vicuna'", e.Message);
        Assert.Contains("ponder, chatml, llama3, gemma, completion", e.Message);
    }

    [Fact]
    public void Ponder_profile_formats_exactly_as_Ponders_chat_format()
    {
        var messages = new[] { ChatMessage.User("12+7?") };
        Assert.Equal(PonderChatFormat.Prompt("12+7?"), ModelProfiles.Ponder.FormatPrompt(messages, thinking: true));
        Assert.Equal(PonderChatFormat.Prompt("12+7?", instant: true), ModelProfiles.Ponder.FormatPrompt(messages, thinking: false));
        Assert.Equal(PonderChatFormat.ThinkClose, ModelProfiles.Ponder.ThinkClose);
    }

    [Fact]
    public void ChatML_formats_multi_turn_conversations_and_Qwen3s_no_think_form()
    {
        ChatMessage[] messages = [ChatMessage.System("Be brief."), ChatMessage.User("Hi"), ChatMessage.Assistant("Hello."), ChatMessage.User("2+2?")];
        const string history = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n";
        Assert.Equal(history + "<|im_start|>assistant\n<think>\n", ModelProfiles.ChatML.FormatPrompt(messages, thinking: true));
        Assert.Equal(history + "<|im_start|>assistant\n<think>\n\n</think>\n\n", ModelProfiles.ChatML.FormatPrompt(messages, thinking: false));
    }

    [Fact]
    public void Llama3_and_Gemma_use_their_headers_and_Gemma_folds_the_system_text_into_the_first_user_turn()
    {
        ChatMessage[] messages = [ChatMessage.System("Be brief."), ChatMessage.User("2+2?")];
        Assert.Equal("<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n2+2?<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n", ModelProfiles.Llama3.FormatPrompt(messages, thinking: false));
        Assert.Equal("<start_of_turn>user\nBe brief.\n\n2+2?<end_of_turn>\n<start_of_turn>model\n<think>\n",
            ModelProfiles.Gemma.FormatPrompt(messages, thinking: true));
    }

    [Fact]
    public void Plain_completion_is_instant_only_with_a_clear_error()
    {
        var messages = new[] { ChatMessage.User("Once upon a time") };
        Assert.Equal("Once upon a time\n", ModelProfiles.Completion.FormatPrompt(messages, thinking: false));
        var e = Assert.Throws<ReasoningModeNotSupportedException>(() => ModelProfiles.Completion.FormatPrompt(messages, thinking: true));
        Assert.Contains("only mode Instant", e.Message);
        Assert.Contains("ponder, chatml", e.Message);
    }

    [Fact]
    public void A_conversation_must_end_with_the_user()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelProfiles.ChatML.FormatPrompt([ChatMessage.User("a"), ChatMessage.Assistant("b")], false));
        Assert.Contains("must end with a user message", e.Message);
    }
}
