using System.Diagnostics;
using System.Text;

// Every test swaps the process-wide Console.Out/Error/In, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Ponder.Cli.Tests;

/// <summary>Runs `ponder ARGS` in-process through CommandLine.RunAsync with Console's streams captured (and stdin
/// fed from a string for the REPL), or as a child process (`dotnet ponder.dll`) with real redirected pipes.</summary>
public static class CliRun
{
    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    public static async Task<Outcome> WithInput(string? stdin, params string[] args)
    {
        var (oldOut, oldError, oldIn) = (Console.Out, Console.Error, Console.In);
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        if (stdin is not null) Console.SetIn(new StringReader(stdin));
        try
        {
            var code = await CommandLine.RunAsync(args);
            return new Outcome(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Console.SetIn(oldIn);
        }
    }

    public static Task<Outcome> InProcess(params string[] args) => WithInput(null, args);

    public static async Task<Outcome> ChildProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ponder.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["TERM"] = "xterm-256color"; // a terminal type is set, yet stdout is a pipe: still no ANSI
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }
}
