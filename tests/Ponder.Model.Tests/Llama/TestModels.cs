using Ponder.Gguf;
using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Model.Tests.Llama;

/// <summary>Random-weight models written by Ponder's own writer (with stories260K's tokenizer so llama.cpp loads
/// them), and a helper that runs the TorchSharp model the way the parity tests need.</summary>
public static class TestModels
{
    /// <summary>Grouped-query attention (4 query heads share 2 KV heads), every row length a multiple of 32.</summary>
    public static LlamaConfig Gqa { get; } = new(VocabSize: 512, ContextLength: 256, Dim: 64, Blocks: 2, FeedForward: 192,
        Heads: 4, KvHeads: 2, HeadDim: 16, RopeDims: 16, RopeBase: 10000f, RmsEps: 1e-5f);

    /// <summary>The tokenizer.* keys of stories260K.gguf (512 tokens), so a 512-vocabulary random model is a
    /// complete GGUF that llama.cpp loads.</summary>
    public static GgufMetadata TokenizerKeys()
    {
        using var file = GgufFile.Open(SharedFixtures.Stories260K);
        var keys = new GgufMetadata();
        foreach (var (k, v) in file.Metadata) if (k.StartsWith("tokenizer.", StringComparison.Ordinal)) keys.Set(k, v);
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
