namespace Ponder.Reasoning.Profiles;

/// <summary>One message of a conversation. Past assistant turns carry only their answers (thoughts are not replayed).</summary>
public sealed record ChatMessage(ChatRole Role, string Content)
{
    public static ChatMessage System(string content) => new(ChatRole.System, content);
    public static ChatMessage User(string content) => new(ChatRole.User, content);
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);
}
