namespace Ponder.Engine;

/// <summary>A finished sequence: every event, and the views callers usually want.</summary>
public sealed record GenerationResult(SequenceId Id, IReadOnlyList<TokenEvent> Events)
{
    public IReadOnlyList<int> Tokens => Events.Where(e => e.Token is not null).Select(e => e.Token!.Value).ToList();
    public string Text => string.Concat(Events.Select(e => e.Text));
    public FinishReason Finish => Events.Count > 0 && Events[^1].Finish is { } f ? f : FinishReason.Error;
    public string? Error => Events.Count > 0 ? Events[^1].Error : "no events";
}
