namespace Ponder.Server;

/// <summary>Everything `ponder serve` can be told, in one record bound from the "Ponder" configuration section, which
/// appsettings.json, environment variables (Ponder__Port=9000) and flags (--port 9000) all fill; later sources win.
/// Every field has a default that suits one small model on a laptop; the effective values are logged at start.</summary>
public sealed record ServerOptions
{
    public const string Section = "Ponder";

    // Listening: loopback unless told otherwise; port 0 picks a free one
    public string Bind { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8080;

    // Models: GGUF files, each served under its file name without extension; profile null = from the file's metadata
    public string[] Models { get; init; } = [];
    public string? Profile { get; init; }
    public int ContextSize { get; init; } = 4096;
    public int MaxSequences { get; init; } = 32;
    public int Threads { get; init; } = 0;

    // API keys: one per line in the file and/or comma-separated in the variable; none configured = no authentication
    public string? ApiKeysFile { get; init; }
    public string ApiKeysVariable { get; init; } = "PONDER_API_KEYS";

    // Limits per request
    public long MaxBodyBytes { get; init; } = 1 << 20;
    public int MaxMessages { get; init; } = 256;
    public int MaxTokensPerRequest { get; init; } = 8192;
    public int MaxAgentsPerRequest { get; init; } = 16;
    public int MaxChoices { get; init; } = 8;

    // Admission: requests running or waiting beyond this get 429 with Retry-After; the engine's own queue behind it
    public int MaxRequestsInFlight { get; init; } = 64;
    public int QueueCapacity { get; init; } = 256;
    public int RetryAfterSeconds { get; init; } = 1;

    // Defaults for requests that do not say: answer length, thinking budgets per reasoning_effort, agents
    public int DefaultMaxAnswerTokens { get; init; } = 512;
    public int BudgetMinimal { get; init; } = 64;
    public int BudgetLow { get; init; } = 256;
    public int BudgetMedium { get; init; } = 1024;
    public int BudgetHigh { get; init; } = 4096;
    public int DefaultAgents { get; init; } = 4;

    /// <summary>Flags of `ponder serve` and the configuration key each sets.</summary>
    public static IDictionary<string, string> Flags { get; } = new Dictionary<string, string>
    {
        ["--bind"] = "Ponder:Bind", ["--port"] = "Ponder:Port", ["--model"] = "Ponder:Models:0", ["--profile"] = "Ponder:Profile",
        ["--context"] = "Ponder:ContextSize", ["--max-sequences"] = "Ponder:MaxSequences", ["--threads"] = "Ponder:Threads",
        ["--api-keys-file"] = "Ponder:ApiKeysFile", ["--max-body-bytes"] = "Ponder:MaxBodyBytes",
        ["--max-messages"] = "Ponder:MaxMessages", ["--max-tokens"] = "Ponder:MaxTokensPerRequest",
        ["--max-agents"] = "Ponder:MaxAgentsPerRequest", ["--max-in-flight"] = "Ponder:MaxRequestsInFlight",
        ["--queue"] = "Ponder:QueueCapacity",
    };

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first impossible setting.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string range)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; expected {range}.");
        }
        Check(System.Net.IPAddress.TryParse(Bind, out _), nameof(Bind), Bind, "an IP address such as 127.0.0.1 or 0.0.0.0");
        Check(Port is >= 0 and <= 65535, nameof(Port), Port, "0 to 65535");
        Check(MaxBodyBytes >= 1024, nameof(MaxBodyBytes), MaxBodyBytes, "at least 1024");
        Check(MaxMessages >= 1, nameof(MaxMessages), MaxMessages, "at least 1");
        Check(MaxTokensPerRequest >= 1, nameof(MaxTokensPerRequest), MaxTokensPerRequest, "at least 1");
        Check(MaxAgentsPerRequest >= 1, nameof(MaxAgentsPerRequest), MaxAgentsPerRequest, "at least 1");
        Check(MaxRequestsInFlight >= 1, nameof(MaxRequestsInFlight), MaxRequestsInFlight, "at least 1");
        Check(DefaultMaxAnswerTokens >= 1, nameof(DefaultMaxAnswerTokens), DefaultMaxAnswerTokens, "at least 1");
    }
}
