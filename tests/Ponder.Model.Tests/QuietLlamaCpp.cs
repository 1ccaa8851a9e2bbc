using LLama.Native;

namespace Ponder.Model.Tests;

/// <summary>Keeps llama.cpp's load log out of test output, errors excepted. llama_log_set works at any time, unlike
/// NativeLibraryConfig, which throws once any test class has loaded the library — and test classes run in parallel.</summary>
public static class QuietLlamaCpp
{
    static int installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        NativeLogConfig.llama_log_set((level, message) => { if (level == LLamaLogLevel.Error) Console.Write(message); });
    }
}
