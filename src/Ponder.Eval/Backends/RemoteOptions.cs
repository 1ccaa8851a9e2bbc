namespace Ponder.Eval.Backends;

/// <summary>How hard the remote client tries: attempts per request, the first back-off delay (doubled each retry,
/// with jitter), and how long one request may take (a Contemplating request on a big model is slow).</summary>
public sealed record RemoteOptions(int MaxAttempts = 5, TimeSpan? FirstDelay = null, TimeSpan? RequestTimeout = null, int MaxAgents = 64)
{
    public TimeSpan EffectiveFirstDelay => FirstDelay ?? TimeSpan.FromSeconds(1);
    public TimeSpan EffectiveRequestTimeout => RequestTimeout ?? TimeSpan.FromMinutes(10);
}
