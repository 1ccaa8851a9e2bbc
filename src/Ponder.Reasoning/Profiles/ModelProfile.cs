using System.Text;

namespace Ponder.Reasoning.Profiles;

/// <summary>How a model family formats a chat and marks its thinking, as data. A message renders as
/// prefix + content + suffix for its role; the model's turn opens with <see cref="AssistantPrefix"/>, then either
/// <see cref="ThinkOpen"/> (the model thinks next) or <see cref="NoThinkPrefill"/> (the model answers next). When the
/// thought is closed — by the model or by Ponder at the budget — <see cref="ThinkClose"/> + <see cref="AfterThinkClose"/>
/// follows it, and the model answers until one of <see cref="EndOfTurn"/>. BOS is the tokenizer's business, not the profile's.
/// A profile with no think markers (plain completion) supports Instant only.</summary>
public sealed record ModelProfile(
    string Name, string Description,
    // Turns: each message renders as Prefix + content + Suffix
    string SystemPrefix, string SystemSuffix, string UserPrefix, string UserSuffix, string AssistantPrefix, string AssistantSuffix,
    // Thinking: null markers mean the family cannot think
    string? ThinkOpen, string? ThinkClose, string AfterThinkClose, string NoThinkPrefill,
    // Ends of the model's turn (control tokens or text), and phrases that introduce a final answer
    IReadOnlyList<string> EndOfTurn, IReadOnlyList<string> AnswerMarkers,
    // Families without a system role (Gemma) fold the system text into the first user message
    bool SystemInFirstUserTurn = false)
{
    /// <summary>Phrases that introduce a final answer, matched case-insensitively ("answer is" covers "The answer is").</summary>
    public static IReadOnlyList<string> DefaultAnswerMarkers { get; } = ["Answer:", "Final answer:", "answer is"];

    public bool SupportsThinking => ThinkOpen is not null && ThinkClose is not null;

    /// <summary>The conversation up to where the model continues: its thought next (<paramref name="thinking"/>) or its answer.</summary>
    public string FormatPrompt(IReadOnlyList<ChatMessage> messages, bool thinking)
    {
        if (thinking && !SupportsThinking)
            throw new ReasoningModeNotSupportedException(
                $"the '{Name}' profile has no thinking markers, so only mode Instant works with it; " +
                $"use mode Instant, or choose a profile that can think ({string.Join(", ", ModelProfiles.All.Where(p => p.SupportsThinking).Select(p => p.Name))}).");
        return FormatHistory(messages) + AssistantPrefix + (thinking ? ThinkOpen : NoThinkPrefill);
    }

    /// <summary>Every message in the family's format, without opening the model's turn.</summary>
    public string FormatHistory(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) throw new ArgumentException("Messages is empty; give at least one user message.", nameof(messages));
        if (messages[^1].Role != ChatRole.User)
            throw new ArgumentException($"Messages must end with a user message (the last is {messages[^1].Role}).", nameof(messages));

        var text = new StringBuilder();
        string? pendingSystem = null;
        foreach (var m in messages)
        {
            switch (m.Role)
            {
                case ChatRole.System when SystemInFirstUserTurn:
                    pendingSystem = pendingSystem is null ? m.Content : pendingSystem + "\n\n" + m.Content;
                    break;
                case ChatRole.System:
                    text.Append(SystemPrefix).Append(m.Content).Append(SystemSuffix);
                    break;
                case ChatRole.User:
                    var content = pendingSystem is null ? m.Content : pendingSystem + "\n\n" + m.Content;
                    pendingSystem = null;
                    text.Append(UserPrefix).Append(content).Append(UserSuffix);
                    break;
                case ChatRole.Assistant:
                    text.Append(AssistantPrefix).Append(m.Content).Append(AssistantSuffix);
                    break;
            }
        }
        return text.ToString();
    }

    public override string ToString() => Name;
}
