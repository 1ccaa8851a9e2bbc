using Ponder.Engine.Tests;
using Ponder.Model.Tokenizer;

namespace Ponder.Server.Tests;

/// <summary>A random-weight llama GGUF with Ponder's vocabulary and chat template (so the "ponder" profile, with its
/// &lt;think&gt; control tokens, is chosen), written once per process with Ponder's writer: dim 64, 2 blocks. A random
/// model never closes its thought, so every Thinking request runs to its budget: test budgets are small.</summary>
public static class TinyModel
{
    public const string Id = "ponder-tiny";

    public static string Path => path.Value;

    static readonly Lazy<string> path = new(() => Write(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ponder-server-tests-{Environment.ProcessId}")));

    /// <summary>Writes the model as DIR/ponder-tiny.gguf (the server serves it under its file name) and returns the path.</summary>
    public static string Write(string directory, int seed = 7, int dim = 64, int blocks = 2)
    {
        Directory.CreateDirectory(directory);
        var w = RandomLlama.Build(seed, PonderVocabulary.Build().Count, PonderVocabulary.WriteTo, Id, dim, blocks);
        var file = System.IO.Path.Combine(directory, Id + ".gguf");
        w.Save(file);
        return file;
    }
}
