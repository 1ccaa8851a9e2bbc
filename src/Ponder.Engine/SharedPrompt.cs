namespace Ponder.Engine;

/// <summary>The prompt cells [0, Cells) that a root sequence and its forks share in the unified KV cache.
/// They stay reserved while any member (admitted or queued) refers to them.</summary>
internal sealed class SharedPrompt(int cells)
{
    public int Cells { get; } = cells;
    public int Refs { get; set; }
    public bool Reserved { get; set; }
    /// <summary>Set once the root's prompt is decoded: its logits at the last prompt token (V,), where forks sample from.</summary>
    public float[]? LastLogits { get; set; }
    public bool Ready => LastLogits is not null;
    public List<Sequence> Members { get; } = [];
    /// <summary>A slot kept only to hold the prompt cells after its sequence finished while forks still wait
    /// for a slot; the next fork admitted takes it over. -1 when none.</summary>
    public int HolderSlot { get; set; } = -1;
}
