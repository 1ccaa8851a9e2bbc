using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;

namespace Ponder.Cli.Tests;

/// <summary>The models the chat tests run: a random-weight depth-2 Ponder model written with Ponder's own writer
/// (its vocabulary and chat template, so the "ponder" profile resolves from its metadata), written once per run;
/// and broken files made from it.</summary>
public static class ChatModels
{
    static readonly Lazy<string> ponder = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("ponder-cli-tests-").FullName;
        var path = Path.Combine(dir, "ponder-d2-random.gguf");
        var vocabulary = PonderVocabulary.Build();
        using var model = LlamaModel.Random(LlamaConfig.FromDepth(2, vocabulary.Count, contextLength: 2048), seed: 11);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        model.Save(path, keys, GgmlType.F32, name: "ponder-d2-random");
        return path;
    });

    public static string Ponder => ponder.Value;

    /// <summary>The Ponder model cut to its first <paramref name="fraction"/> of bytes.</summary>
    public static string Truncated(double fraction)
    {
        var bytes = File.ReadAllBytes(Ponder);
        var path = Path.Combine(Path.GetDirectoryName(Ponder)!, $"truncated-{fraction}.gguf");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }

    /// <summary>The Ponder model with its tensor-count field overwritten by garbage.</summary>
    public static string CorruptHeader()
    {
        var bytes = File.ReadAllBytes(Ponder);
        for (var i = 8; i < 16; i++) bytes[i] = 0xFF; // GGUF: magic(4) version(4) tensor_count(8) …
        var path = Path.Combine(Path.GetDirectoryName(Ponder)!, "corrupt-header.gguf");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string NotGguf()
    {
        var path = Path.Combine(Path.GetDirectoryName(Ponder)!, "notes.gguf");
        File.WriteAllText(path, "these are notes, not a model\n");
        return path;
    }
}
