namespace Ponder.Cli;

/// <summary>The model `ponder chat` runs without --model: models/ponder.gguf in the repository, found by walking up
/// from the CLI's own assembly to the first folder that has a models/ folder.</summary>
static class DefaultModel
{
    public const string RelativePath = "models/ponder.gguf";

    /// <summary>The default model's path, or a <see cref="CliUsageException"/> that says what to do instead.</summary>
    public static string Resolve()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!Directory.Exists(Path.Combine(dir.FullName, "models"))) continue;
            var path = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(path)) return path;
            throw new CliUsageException($"no default model is shipped yet ({path} does not exist); pass --model FILE (any llama-architecture GGUF).");
        }
        throw new CliUsageException($"no default model is shipped yet (no {RelativePath} above {AppContext.BaseDirectory}); pass --model FILE (any llama-architecture GGUF).");
    }
}
