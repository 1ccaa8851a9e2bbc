namespace Ponder.Reasoning.Profiles;

/// <summary>Who wrote a message, in OpenAI's three roles.</summary>
public enum ChatRole { System, User, Assistant }
