using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Ponder.Server.Errors;

namespace Ponder.Server.Security;

/// <summary>The API keys, read once at start from ApiKeysFile (one per line, # comments) and the ApiKeysVariable
/// environment variable (comma-separated). With none, the server is open (it binds to loopback by default). Only
/// SHA-256 hashes are kept; a presented key is hashed and compared with every stored hash in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), so timing reveals neither a key nor which one matched.
/// Keys are never logged: only their count is.</summary>
public sealed class ApiKeys
{
    readonly byte[][] hashes;

    public ApiKeys(IOptions<ServerOptions> options, ILogger<ApiKeys> logger)
    {
        var o = options.Value;
        var keys = new List<string>();
        if (!string.IsNullOrWhiteSpace(o.ApiKeysFile))
            keys.AddRange(File.ReadAllLines(o.ApiKeysFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        if (Environment.GetEnvironmentVariable(o.ApiKeysVariable) is { Length: > 0 } env)
            keys.AddRange(env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        hashes = keys.Distinct().Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();
        logger.LogInformation(hashes.Length == 0 ? "API keys: none configured, /v1 is open" : "API keys: {Count} configured", hashes.Length);
    }

    public bool Required => hashes.Length > 0;

    public bool Accepts(string? presented)
    {
        if (!Required) return true;
        if (presented is null) return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var h in hashes) match |= CryptographicOperations.FixedTimeEquals(h, hash); // no early exit
        return match;
    }

    /// <summary>Endpoint filter for the /v1 group: Authorization: Bearer KEY, or 401.</summary>
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keys = http.RequestServices.GetRequiredService<ApiKeys>();
        if (keys.Required)
        {
            var header = http.Request.Headers.Authorization.ToString();
            var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            if (!keys.Accepts(key))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                throw new ApiException(401, key is null
                    ? "missing API key: send Authorization: Bearer YOUR_KEY."
                    : "incorrect API key provided.", null, "invalid_api_key");
            }
        }
        return await next(context);
    }
}
