namespace Ponder.Reasoning;

/// <summary>Where an agent is, for live progress displays.</summary>
public enum AgentState { Thinking, Answering, Done, StoppedEarly, Failed }
