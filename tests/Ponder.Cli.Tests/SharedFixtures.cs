namespace Ponder.Cli.Tests;

/// <summary>Finds ../shared (llama.cpp-made fixtures, datasets) beside the clone. It is not part of a user's
/// clone, so tests that need it skip with a printed reason where it is absent.</summary>
public static class SharedFixtures
{
    public static string? Root { get; } = Find();

    public static string? File(string relative)
    {
        if (Root is null) return null;
        var path = Path.Combine(Root, relative);
        return System.IO.File.Exists(path) ? path : null;
    }

    public static string Stories260K => Require("fixtures/stories260K.gguf");
    public static string Llama2TinyRandom => Require("fixtures/llama-2-tiny-random.gguf");

    /// <summary>The fixture's path, or a skip of the calling test (with the reason printed) where ../shared is absent.</summary>
    public static string Require(string relative)
    {
        var path = File(relative);
        if (path is null)
        {
            var reason = $"skipped: ../shared/{relative} is not present (it is beside CI's and developers' clones, not in a user's)";
            Console.WriteLine(reason);
            Assert.Skip(reason);
        }
        return path!;
    }

    static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures"))) return candidate;
        }
        return null;
    }
}
