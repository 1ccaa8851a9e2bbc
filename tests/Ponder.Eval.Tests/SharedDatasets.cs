namespace Ponder.Eval.Tests;

/// <summary>Finds ../shared/datasets beside the clone. It is not part of a user's clone, so tests that need it skip
/// with a printed reason where it is absent.</summary>
public static class SharedDatasets
{
    public static string? Root { get; } = Find();

    /// <summary>The dataset file's path, or a skip of the calling test (with the reason printed) where it is absent.</summary>
    public static string Require(string relative)
    {
        var path = Root is null ? null : Path.Combine(Root, relative);
        if (path is null || !File.Exists(path))
        {
            var reason = $"skipped: ../shared/datasets/{relative} is not present (it is beside CI's and developers' clones, not in a user's)";
            Console.WriteLine(reason);
            Assert.Skip(reason);
        }
        return path!;
    }

    static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
