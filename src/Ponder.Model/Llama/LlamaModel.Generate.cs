using static TorchSharp.torch;

namespace Ponder.Model.Llama;

public sealed partial class LlamaModel
{
    /// <summary>Continues every prompt by up to <paramref name="maxNewTokens"/> tokens, all in one batch with a KV
    /// cache: prompts are left-padded to a common length (padding is masked and positions count from each prompt's
    /// first token), then each step decodes one token per sequence. A sequence stops after emitting
    /// <paramref name="stopToken"/> (which is included). Returns the new tokens of each prompt.</summary>
    public int[][] Generate(IReadOnlyList<int[]> prompts, int maxNewTokens, LlamaSampler sampler, int? stopToken = null) =>
        Generate(prompts, maxNewTokens, sampler, (_, token) => token == stopToken);

    /// <summary><see cref="Generate(IReadOnlyList{int[]}, int, LlamaSampler, int?)"/> with a stopping rule per sequence:
    /// <paramref name="stopsAfter"/>(row, token) is asked about each token a live sequence emits (in order), and true
    /// ends that sequence with the token included — e.g. a thinking budget that ends a thought still open after N tokens.
    /// A stopped sequence leaves the batch (and the KV cache), so the rest decode at the cost of the live ones only.
    /// Generation ends when every sequence has stopped.</summary>
    public int[][] Generate(IReadOnlyList<int[]> prompts, int maxNewTokens, LlamaSampler sampler, Func<int, int, bool> stopsAfter)
    {
        if (prompts.Count == 0) return [];
        if (prompts.Any(p => p.Length == 0)) throw new ArgumentException("every prompt needs at least one token (e.g. BOS).", nameof(prompts));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var b = prompts.Count;
        var width = prompts.Max(p => p.Length);
        var padding = prompts.Select(p => width - p.Length).ToArray();
        var capacity = Math.Min(width + maxNewTokens, Config.ContextLength);
        using var cache = NewCache(b, capacity);

        var padded = new long[b * width];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < prompts[i].Length; j++) padded[i * width + padding[i] + j] = prompts[i][j];
        var input = tensor(padded).view(b, width); // (B, T)

        var results = Enumerable.Range(0, b).Select(_ => new List<int>()).ToArray();
        var live = Enumerable.Range(0, b).ToArray(); // batch row → prompt index; finished sequences leave the batch
        for (var step = 0; step < maxNewTokens && cache.Length < capacity && live.Length > 0; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = Forward(input, cache.Length, cache, padding); // (B, T, V)
            var next = sampler.Sample(logits.select(1, -1));           // (B)
            var ids = next.data<long>().ToArray();
            var keep = new List<long>(live.Length);
            for (var row = 0; row < live.Length; row++)
            {
                var i = live[row];
                results[i].Add((int)ids[row]);
                if (!stopsAfter(i, (int)ids[row])) keep.Add(row);
            }
            if (keep.Count < live.Length)
            {
                // Drop finished rows from the cache, the padding and the next input: every row left is unchanged, so
                // each sequence sees exactly what it would in the full batch.
                var rows = keep.ToArray();
                cache.Keep(rows);
                padding = rows.Select(r => padding[r]).ToArray();
                live = rows.Select(r => live[r]).ToArray();
                using var index = tensor(rows);
                next = next.index_select(0, index);
            }
            input = next.view(live.Length, 1).MoveToOuterDisposeScope();
        }
        return results.Select(r => r.ToArray()).ToArray();
    }
}
