namespace Ponder.Reasoning.Profiles;

/// <summary>The built-in model-family profiles. Each is data; add a family by adding a record here and a rule in
/// <see cref="ProfileResolver"/>.</summary>
public static class ModelProfiles
{
    /// <summary>Ponder's own format: &lt;|user|&gt;q&lt;|end|&gt;&lt;|assistant|&gt;&lt;think&gt;…&lt;/think&gt;answer&lt;|end|&gt;.
    /// The markers duplicate Ponder.Model's PonderChatFormat (the reasoning layer does not reference the model);
    /// Ponder has no system role in training, so system text goes into the first user turn.</summary>
    public static ModelProfile Ponder { get; } = new(
        "ponder", "Ponder's own chat format (<|user|>, <|assistant|>, <think>)",
        "", "", "<|user|>", "<|end|>", "<|assistant|>", "<|end|>",
        "<think>", "</think>", "", "<think></think>",
        ["<|end|>"], ModelProfile.DefaultAnswerMarkers, SystemInFirstUserTurn: true);

    /// <summary>ChatML with Qwen3-style thinking; its no-think form is Qwen3's empty think block prefilled.</summary>
    public static ModelProfile ChatML { get; } = new(
        "chatml", "ChatML (<|im_start|>) with Qwen3-style <think> blocks",
        "<|im_start|>system\n", "<|im_end|>\n", "<|im_start|>user\n", "<|im_end|>\n", "<|im_start|>assistant\n", "<|im_end|>\n",
        "<think>\n", "</think>", "\n\n", "<think>\n\n</think>\n\n",
        ["<|im_end|>", "<|endoftext|>"], ModelProfile.DefaultAnswerMarkers);

    /// <summary>Llama-3 instruct headers. Thinking uses &lt;think&gt; text as R1-distilled Llama models do; the
    /// no-think form is the plain assistant turn.</summary>
    public static ModelProfile Llama3 { get; } = new(
        "llama3", "Llama-3 chat format (<|start_header_id|>) with <think> text for R1-style models",
        "<|start_header_id|>system<|end_header_id|>\n\n", "<|eot_id|>",
        "<|start_header_id|>user<|end_header_id|>\n\n", "<|eot_id|>",
        "<|start_header_id|>assistant<|end_header_id|>\n\n", "<|eot_id|>",
        "<think>\n", "</think>", "\n\n", "",
        ["<|eot_id|>", "<|end_of_text|>"], ModelProfile.DefaultAnswerMarkers);

    /// <summary>Gemma turns (&lt;start_of_turn&gt;user / model); no system role, so system text joins the first user turn.</summary>
    public static ModelProfile Gemma { get; } = new(
        "gemma", "Gemma chat format (<start_of_turn>)",
        "", "", "<start_of_turn>user\n", "<end_of_turn>\n", "<start_of_turn>model\n", "<end_of_turn>\n",
        "<think>\n", "</think>", "\n\n", "",
        ["<end_of_turn>", "<eos>"], ModelProfile.DefaultAnswerMarkers, SystemInFirstUserTurn: true);

    /// <summary>No chat at all (base models such as stories260K): messages are joined by newlines and the model
    /// continues the text. Instant only.</summary>
    public static ModelProfile Completion { get; } = new(
        "completion", "plain text completion, no chat format (Instant only)",
        "", "\n", "", "\n", "", "\n",
        null, null, "", "",
        [], ModelProfile.DefaultAnswerMarkers);

    public static IReadOnlyList<ModelProfile> All { get; } = [Ponder, ChatML, Llama3, Gemma, Completion];
}
