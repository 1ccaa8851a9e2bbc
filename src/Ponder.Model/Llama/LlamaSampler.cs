using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Chooses next tokens from logits: temperature, then top-k, then top-p (nucleus), then a draw from a
/// seeded generator — the order llama.cpp's common sampler chain applies them. Greedy when temperature is 0.</summary>
public sealed class LlamaSampler : IDisposable
{
    readonly Generator generator;

    public SamplingOptions Options { get; }

    public LlamaSampler(SamplingOptions options)
    {
        if (options.Temperature < 0) throw new ArgumentOutOfRangeException(nameof(options), "Temperature must be 0 (greedy) or positive.");
        if (options.TopK < 0) throw new ArgumentOutOfRangeException(nameof(options), "TopK must be 0 (off) or positive.");
        if (options.TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), "TopP must be in (0, 1]; 1 switches it off.");
        Options = options;
        generator = new Generator((ulong)options.Seed);
    }

    /// <summary>logits (B, V) → token ids (B).</summary>
    public Tensor Sample(Tensor logits)
    {
        using var scope = NewDisposeScope();
        if (Options.Temperature == 0) return logits.argmax(-1).MoveToOuterDisposeScope();
        var probs = Probabilities(logits);
        return multinomial(probs, 1, generator: generator).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>The distribution <see cref="Sample"/> draws from: logits (B, V) → probabilities (B, V), zero outside
    /// the top-k / top-p support.</summary>
    public Tensor Probabilities(Tensor logits)
    {
        using var scope = NewDisposeScope();
        using Scalar temperature = Math.Max(Options.Temperature, 1e-6f), hidden = double.NegativeInfinity, topP = Options.TopP;
        var x = logits.to(ScalarType.Float32) / temperature; // (B, V)
        var vocab = x.shape[^1];
        if (Options.TopK > 0 && Options.TopK < vocab)
        {
            var kth = x.topk(Options.TopK, dim: -1).values.narrow(-1, Options.TopK - 1, 1); // (B, 1)
            x = x.masked_fill(x < kth, hidden);
        }
        if (Options.TopP < 1)
        {
            var (sorted, order) = x.sort(-1, descending: true);   // (B, V)
            var p = sorted.softmax(-1);
            var before = p.cumsum(-1) - p;                       // mass of strictly better tokens
            var drop = before >= topP;                           // the best token is never dropped
            var dropInVocabOrder = zeros_like(drop).scatter(-1, order, drop);
            x = x.masked_fill(dropInVocabOrder, hidden);
        }
        return x.softmax(-1).MoveToOuterDisposeScope();
    }

    public void Dispose() => generator.Dispose();
}
