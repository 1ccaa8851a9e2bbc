using Microsoft.Extensions.Options;
using Ponder.Server.Errors;

namespace Ponder.Server.Hosting;

/// <summary>Bounded admission: at most MaxRequestsInFlight chat requests run or wait at once; one more gets 429 with
/// Retry-After at once instead of joining an unbounded line. The engine's own queue (QueueCapacity) orders the
/// admitted ones; when it is full too, its refusal also becomes 429.</summary>
public sealed class AdmissionGate(IOptions<ServerOptions> options)
{
    int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    public Lease Enter()
    {
        var limit = options.Value.MaxRequestsInFlight;
        if (Interlocked.Increment(ref inFlight) > limit)
        {
            Interlocked.Decrement(ref inFlight);
            throw new ApiException(429, $"the server is busy ({limit} requests in flight); retry after the Retry-After header's seconds.", null, "server_busy");
        }
        return new Lease(this);
    }

    public sealed class Lease(AdmissionGate gate) : IDisposable
    {
        int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) Interlocked.Decrement(ref gate.inFlight);
        }
    }
}
