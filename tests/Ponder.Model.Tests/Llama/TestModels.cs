using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

/// <summary>Random-weight models written by Ponder's own writer (with Ponder's own vocabulary, so they need no
/// fixture from ../shared), and a helper that runs the TorchSharp model the way the parity tests need.</summary>
public static class TestModels
{
    public static int VocabSize { get; } = PonderVocabulary.Build().Count;

    /// <summary>Grouped-query attention (4 query heads share 2 KV heads), every row length a multiple of 32.</summary>
    public static LlamaConfig Gqa { get; } = new(VocabSize: VocabSize, ContextLength: 256, Dim: 64, Blocks: 2, FeedForward: 192,
        Heads: 4, KvHeads: 2, HeadDim: 16, RopeDims: 16, RopeBase: 10000f, RmsEps: 1e-5f);

    /// <summary>Ponder's tokenizer.* keys, so a random model is a complete GGUF that llama.cpp loads.</summary>
    public static GgufMetadata TokenizerKeys()
    {
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        return keys;
    }

    /// <summary>Writes a seeded random model to a temporary GGUF and returns its path.</summary>
    public static string WriteRandom(LlamaConfig config, long seed, GgmlType storeAs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-test-{Guid.NewGuid():N}-{storeAs}.gguf");
        using var model = LlamaModel.Random(config, seed);
        model.Save(path, TokenizerKeys(), storeAs);
        return path;
    }

    /// <summary>TorchSharp logits (T × V) for one sequence, no cache.</summary>
    public static float[][] Logits(LlamaModel model, int[] tokens)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.Forward(tensor(tokens.Select(t => (long)t).ToArray()).view(1, -1)).squeeze(0); // (T, V)
        var v = (int)logits.shape[1];
        var flat = logits.contiguous().data<float>().ToArray();
        return Enumerable.Range(0, tokens.Length).Select(i => flat.AsSpan(i * v, v).ToArray()).ToArray();
    }

    public static float MaxAbsDiff(float[][] a, float[][] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Length, b[i].Length);
            for (var j = 0; j < a[i].Length; j++) max = Math.Max(max, Math.Abs(a[i][j] - b[i][j]));
        }
        return max;
    }

    public static int[] RandomTokens(int seed, int length, int vocab)
    {
        var random = new Random(seed);
        return [1, .. Enumerable.Range(0, length - 1).Select(_ => random.Next(3, vocab))];
    }
}
