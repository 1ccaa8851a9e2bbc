namespace Ponder.Training;

/// <summary>How the assistant turn of a training example or a validation prompt is shaped.</summary>
public enum TrainingMode
{
    /// <summary>An empty thought (<c>&lt;think&gt;&lt;/think&gt;</c>, prefilled in the prompt), then the answer.</summary>
    Instant,
    /// <summary>The scratchpad inside <c>&lt;think&gt;…&lt;/think&gt;</c>, then the answer.</summary>
    Thinking,
}
