namespace Ponder.Engine;

/// <summary>Ponder's own sampler over a logits row (V,), so log-probabilities are exact and every sequence can sample
/// differently in the same step. Owned by the inference loop; its scratch buffers are reused across sequences.</summary>
internal sealed class TokenSampler(int vocabSize)
{
    readonly int[] order = new int[vocabSize];
    readonly float[] weight = new float[vocabSize];
    readonly float[] keys = new float[vocabSize];

    /// <summary>Picks the next token: argmax at temperature 0, otherwise a draw after temperature, top-k, min-p, top-p.</summary>
    public int Sample(ReadOnlySpan<float> logits, SamplingOptions o, Random rng)
    {
        if (o.Temperature == 0) return ArgMax(logits);

        var n = logits.Length;
        for (var i = 0; i < n; i++) order[i] = i;
        var count = n;
        if (o.TopK > 0 && o.TopK < n)
        {
            // Partial selection: the k largest logits move to the front, in no particular order.
            for (var i = 0; i < n; i++) keys[i] = -logits[i];
            Array.Sort(keys, order, 0, n);
            count = o.TopK;
        }
        var max = float.NegativeInfinity;
        for (var i = 0; i < count; i++) max = Math.Max(max, logits[order[i]]);
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            weight[i] = MathF.Exp((logits[order[i]] - max) / o.Temperature); // the best candidate weighs 1
            total += weight[i];
        }
        if (o.MinP > 0)
        {
            // Keep candidates at least MinP times as likely as the best one.
            var kept = 0;
            total = 0;
            for (var i = 0; i < count; i++)
                if (weight[i] >= o.MinP) { order[kept] = order[i]; weight[kept] = weight[i]; total += weight[i]; kept++; }
            count = kept;
        }
        if (o.TopP < 1)
        {
            for (var i = 0; i < count; i++) keys[i] = -weight[i];
            Array.Sort(keys, order, 0, count);
            var need = o.TopP * total;
            var cumulative = 0.0;
            var kept = 0;
            while (kept < count && cumulative < need) { cumulative += -keys[kept]; weight[kept] = -keys[kept]; kept++; }
            count = Math.Max(1, kept);
            total = cumulative;
        }
        var r = rng.NextDouble() * total;
        for (var i = 0; i < count; i++)
        {
            r -= weight[i];
            if (r <= 0) return order[i];
        }
        return order[count - 1];
    }

    /// <summary>Log-probability of <paramref name="token"/> under softmax(logits), and optionally the
    /// <paramref name="topK"/> most likely tokens (best first).</summary>
    public float LogProb(ReadOnlySpan<float> logits, int token, int topK, List<(int Token, float LogProb)>? top)
    {
        var logZ = LogSumExp(logits);
        if (top is not null && topK > 0)
        {
            top.Clear();
            // Insertion into a short sorted list: topK ≤ 20, so this stays O(V).
            for (var i = 0; i < logits.Length; i++)
            {
                var v = logits[i];
                if (top.Count == topK && v <= top[^1].LogProb) continue;
                var at = top.Count;
                while (at > 0 && top[at - 1].LogProb < v) at--;
                top.Insert(at, (i, v));
                if (top.Count > topK) top.RemoveAt(top.Count - 1);
            }
            for (var i = 0; i < top.Count; i++) top[i] = (top[i].Token, top[i].LogProb - logZ);
        }
        return logits[token] - logZ;
    }

    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    static float LogSumExp(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        var sum = 0.0;
        foreach (var v in logits) sum += Math.Exp(v - max);
        return max + (float)Math.Log(sum);
    }
}
