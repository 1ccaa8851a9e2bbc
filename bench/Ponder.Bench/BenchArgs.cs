namespace Ponder.Bench;

/// <summary>"--name value" options with defaults. The model is --model PATH, or --random DIMxBLOCKS (a random-weight
/// llama written on the spot, e.g. 256x8 ≈ 5M parameters), or else ../shared/fixtures/stories260K.gguf.</summary>
public sealed class BenchArgs(string[] args)
{
    public string Get(string name, string fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString()));

    /// <summary>A comma-separated list of integers, e.g. --depths 4,5.</summary>
    public int[] Ints(string name, string fallback) => Get(name, fallback).Split(',').Select(int.Parse).ToArray();

    public float Float(string name, float fallback) =>
        float.Parse(Get(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    public string Model => Get("random", "") is { Length: > 0 } random
        ? Ponder.Engine.Tests.RandomLlama.Path(1, int.Parse(random.Split('x')[0]), int.Parse(random.Split('x')[1]))
        : Get("model", FindShared("fixtures/stories260K.gguf")
        ?? throw new FileNotFoundException("no --model given and ../shared/fixtures/stories260K.gguf not found"));

    static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
