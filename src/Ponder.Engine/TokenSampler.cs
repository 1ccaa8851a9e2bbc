namespace Ponder.Engine;

/// <summary>Ponder's own sampler over a logits row (V,), so log-probabilities are exact and every sequence can sample
/// differently in the same step. Owned by the inference loop; its scratch buffers are reused across sequences.</summary>
internal sealed class TokenSampler(int vocabSize)
{
    readonly int[] order = new int[vocabSize];
    readonly float[] weight = new float[vocabSize];
    readonly PriorityQueue<int, float> heap = new(vocabSize);
    readonly List<(int Token, float Weight)> picked = [];

    /// <summary>Picks the next token: argmax at temperature 0, otherwise a draw after temperature, top-k, min-p, top-p.
    /// Costs O(V log k) for top-k and O(V + m log V) for a top-p nucleus of m tokens, never a full sort.</summary>
    public int Sample(ReadOnlySpan<float> logits, SamplingOptions o, Random rng)
    {
        if (o.Temperature == 0) return ArgMax(logits);

        var count = 0;
        if (o.TopK > 0 && o.TopK < logits.Length)
        {
            // The k largest logits, kept in a min-heap of size k.
            heap.Clear();
            for (var i = 0; i < logits.Length; i++)
            {
                if (heap.Count < o.TopK) heap.Enqueue(i, logits[i]);
                else if (logits[i] > logits[heap.Peek()]) heap.DequeueEnqueue(i, logits[i]);
            }
            while (heap.Count > 0) order[count++] = heap.Dequeue();
        }
        else
            for (; count < logits.Length; count++) order[count] = count;

        var max = float.NegativeInfinity;
        for (var i = 0; i < count; i++) max = Math.Max(max, logits[order[i]]);
        var total = 0.0;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var w = MathF.Exp((logits[order[i]] - max) / o.Temperature); // the best candidate weighs 1
            if (w < o.MinP) continue; // min-p: keep candidates at least MinP times as likely as the best
            order[kept] = order[i];
            weight[kept] = w;
            total += w;
            kept++;
        }
        count = kept;
        if (o.TopP < 1)
        {
            // Take candidates best first until they hold TopP of the mass.
            heap.Clear();
            for (var i = 0; i < count; i++) heap.Enqueue(i, -weight[i]);
            var need = o.TopP * total;
            var cumulative = 0.0;
            picked.Clear();
            while (heap.Count > 0 && cumulative < need)
            {
                var at = heap.Dequeue();
                picked.Add((order[at], weight[at]));
                cumulative += weight[at];
            }
            for (var i = 0; i < picked.Count; i++) (order[i], weight[i]) = picked[i];
            count = picked.Count;
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
