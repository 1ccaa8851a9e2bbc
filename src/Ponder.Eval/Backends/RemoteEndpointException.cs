namespace Ponder.Eval.Backends;

/// <summary>The remote endpoint could not be reached or refused the request, after retries where retrying could help.</summary>
public sealed class RemoteEndpointException(string message, Exception? inner = null) : Exception(message, inner);
