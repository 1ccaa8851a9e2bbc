namespace Ponder.Testing;

/// <summary>Finds ../shared beside the clone (llama.cpp-made GGUF fixtures, the GSM8K test file). It is there for
/// developers and CI, not in a user's clone, so tests that need it skip with a printed reason where it is absent;
/// the properties they check are also tested on files Ponder writes itself.</summary>
public static class SharedFixtures
{
    public static string? Root { get; } = Find();

    public static string Stories260K => Require("fixtures/stories260K.gguf");
    public static string Llama2TinyRandom => Require("fixtures/llama-2-tiny-random.gguf");
    public static string Gsm8kTest => Require("datasets/gsm8k/test.jsonl");

    /// <summary>The file's path under ../shared, or null where it is absent.</summary>
    public static string? File(string relative)
    {
        if (Root is null) return null;
        var path = Path.Combine(Root, relative);
        return System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>The file's path under ../shared, or a skip of the calling test (with the reason printed) where it is absent.</summary>
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
            if (Directory.Exists(Path.Combine(candidate, "fixtures")) || Directory.Exists(Path.Combine(candidate, "datasets")))
                return candidate;
        }
        return null;
    }
}
