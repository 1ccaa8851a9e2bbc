using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Ponder.Engine;

/// <summary>Routes llama.cpp's (process-wide) native log to Ponder's logger, and keeps its recent error and
/// warning lines so a load failure can be reported with llama.cpp's own words.</summary>
public static class NativeLogRouter
{
    static readonly Lock gate = new();
    static readonly Lock loadGate = new(); // never taken while holding gate
    static bool libraryLoaded;
    static ILogger? logger;
    static LLamaLogLevel lastLevel = LLamaLogLevel.Info;
    static readonly Queue<string> problems = new();
    // Held here as well, so the delegate llama.cpp calls can never be collected.
    static readonly NativeLogConfig.LLamaLogCallback callback = OnLog;

    /// <summary>Sends native log lines to <paramref name="target"/> from now on (the last caller wins: the log is
    /// global). Sets llama.cpp's callback every time, in case other code in the process replaced it since.</summary>
    public static void Install(ILogger? target)
    {
        if (target is not null) lock (gate) logger = target;
        // Outside the gate: this call may load the native library, and loading logs through OnLog (which takes the
        // gate) — possibly on another thread that holds the loader's lock, so calling it under the gate deadlocks.
        // Under loadGate instead: before the library loads, llama_log_set only records the callback in LLamaSharp's
        // configuration, which throws ("already loaded") once another thread's load has begun. So the first caller
        // records it and loads the library right here; parallel callers wait for that, then set the callback natively.
        lock (loadGate)
        {
            NativeLogConfig.llama_log_set(callback);
            if (!libraryLoaded)
            {
                NativeApi.llama_empty_call();
                libraryLoaded = true;
            }
        }
    }

    /// <summary>Forgets captured problem lines; call before an operation whose failure you want to explain.</summary>
    public static void ClearProblems() { lock (gate) problems.Clear(); }

    /// <summary>Error and warning lines since the last <see cref="ClearProblems"/> (at most 20, newest last).</summary>
    public static IReadOnlyList<string> Problems() { lock (gate) return problems.ToList(); }

    static void OnLog(LLamaLogLevel level, string message)
    {
        ILogger? target;
        lock (gate)
        {
            // "Continue" lines extend the previous message and share its level.
            if (level == LLamaLogLevel.Continue) level = lastLevel; else lastLevel = level;
            var text = message.TrimEnd();
            if (level is LLamaLogLevel.Error or LLamaLogLevel.Warning && text.Length > 0)
            {
                problems.Enqueue(text);
                while (problems.Count > 20) problems.Dequeue();
            }
            target = logger;
        }
        if (target is null || message.Trim().Length == 0) return;
        var mapped = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Info => LogLevel.Debug, // llama.cpp's "info" is a flood of load details
            _ => LogLevel.Trace,
        };
        target.Log(mapped, "llama.cpp: {Message}", message.TrimEnd());
    }
}
