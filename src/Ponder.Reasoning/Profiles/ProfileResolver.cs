namespace Ponder.Reasoning.Profiles;

/// <summary>Chooses a profile: by name when the user gives one, otherwise from the GGUF metadata — the chat template's
/// markers first (they say how the model was trained to talk), then the architecture, then plain completion.</summary>
public static class ProfileResolver
{
    public const string ChatTemplateKey = "tokenizer.chat_template";
    public const string ArchitectureKey = "general.architecture";

    public static ModelProfile Resolve(IReadOnlyDictionary<string, string> metadata, string? name = null) =>
        string.IsNullOrWhiteSpace(name) ? FromMetadata(metadata) : ByName(name);

    /// <summary>The built-in profile of that name (case-insensitive); an unknown name lists the valid ones.</summary>
    public static ModelProfile ByName(string name) =>
        ModelProfiles.All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"unknown profile '{name}'; valid profiles: {string.Join(", ", ModelProfiles.All.Select(p => p.Name))}.", nameof(name));

    public static ModelProfile FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var template = metadata.GetValueOrDefault(ChatTemplateKey) ?? "";
        var architecture = metadata.GetValueOrDefault(ArchitectureKey) ?? "";
        if (template.Contains("<|assistant|>") && template.Contains("<|user|>")) return ModelProfiles.Ponder;
        if (template.Contains("<|im_start|>")) return ModelProfiles.ChatML;
        if (template.Contains("<|start_header_id|>")) return ModelProfiles.Llama3;
        if (template.Contains("<start_of_turn>")) return ModelProfiles.Gemma;
        if (template.Length == 0 && architecture.StartsWith("gemma", StringComparison.OrdinalIgnoreCase)) return ModelProfiles.Gemma;
        if (template.Length == 0 && architecture.StartsWith("qwen", StringComparison.OrdinalIgnoreCase)) return ModelProfiles.ChatML;
        return ModelProfiles.Completion;
    }
}
