namespace Ponder.Reasoning;

/// <summary>Instant answers directly; Thinking reasons, then answers; Contemplating runs N thinking agents in parallel
/// from one shared prompt and weighs their answers.</summary>
public enum ReasoningMode { Instant, Thinking, Contemplating }
