namespace Ponder.Cli;

/// <summary>A command line that cannot run as given; the message says what to change.</summary>
sealed class CliUsageException(string message) : Exception(message);
