using LLama.Native;

namespace Ponder.Model.Tests;

/// <summary>Keeps llama.cpp's load log out of test output, errors excepted. Test classes run in parallel, and before
/// the library loads llama_log_set only records the callback in LLamaSharp's configuration, which throws ("already
/// loaded") once another thread's load has begun; so, as the engine's NativeLogRouter does, the first caller sets the
/// callback and loads the library under a lock, and every other caller waits for that before it uses llama.cpp.</summary>
public static class QuietLlamaCpp
{
    static readonly Lock gate = new();
    static readonly NativeLogConfig.LLamaLogCallback callback = (level, message) =>
    {
        if (level == LLamaLogLevel.Error) Console.Write(message);
    };
    static bool installed;

    public static void Install()
    {
        lock (gate)
        {
            if (installed) return;
            NativeLogConfig.llama_log_set(callback);
            NativeApi.llama_empty_call();
            installed = true;
        }
    }
}
