using Ponder.Server;

namespace Ponder.Cli;

/// <summary>`ponder serve`: the OpenAI-compatible API and the web chat page (see <see cref="PonderServer"/>).
/// Flags, environment (Ponder__Port=9000) and appsettings.json set the same <see cref="ServerOptions"/>; any setting
/// without a flag can be given as --Ponder:Name=value. API keys come from --api-keys-file or PONDER_API_KEYS.
/// Run: ./ponder serve --model model.gguf [--port 8080] [--bind 127.0.0.1] [--api-keys-file keys.txt]</summary>
static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=')[0];
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new CliUsageException($"unexpected argument '{args[i]}'; serve takes options only: {string.Join(", ", ServerOptions.Flags.Keys)}, or --Ponder:Setting=value.");
            if (name.StartsWith("--Ponder:", StringComparison.OrdinalIgnoreCase)) continue;
            if (!ServerOptions.Flags.ContainsKey(name))
                throw new CliUsageException($"unknown option '{name}'; serve takes {string.Join(", ", ServerOptions.Flags.Keys)}, or --Ponder:Setting=value.");
            if (!args[i].Contains('=') && ++i >= args.Length) throw new CliUsageException($"option '{name}' needs a value.");
            if (name == "--model" && !File.Exists(args[i].Contains('=') ? args[i][(args[i].IndexOf('=') + 1)..] : args[i]))
                throw new CliUsageException($"model file '{args[i]}' does not exist.");
        }
        Console.Error.WriteLine("ponder serve: loading; Ctrl+C stops. Chat page at http://BIND:PORT/, API at /v1/chat/completions.");
        await PonderServer.RunAsync(args);
        return 0;
    }
}
