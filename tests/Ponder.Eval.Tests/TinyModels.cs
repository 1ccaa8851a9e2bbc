using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;

namespace Ponder.Eval.Tests;

/// <summary>A random-weight Ponder model (depth 2, Ponder's vocabulary and chat template), written once per process.
/// Its answers are noise, so accuracy is about 0: what eval tests check is the plumbing, not the score.</summary>
public static class TinyModels
{
    static readonly Lazy<string> ponder = new(() =>
    {
        var vocabulary = PonderVocabulary.Build();
        using var model = LlamaModel.Random(LlamaConfig.FromDepth(2, vocabulary.Count, contextLength: 2048), seed: 3);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        var path = Path.Combine(Path.GetTempPath(), $"ponder-eval-tiny-{Environment.ProcessId}.gguf");
        model.Save(path, keys, GgmlType.F32, name: "ponder-eval-tiny");
        return path;
    });

    public static string Ponder => ponder.Value;

    public static string TempFolder(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ponder-eval-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
