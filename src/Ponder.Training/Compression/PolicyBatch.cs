namespace Ponder.Training.Compression;

/// <summary>Sampled sequences (prompt + completion) right-padded to a common length, as flat row-major arrays ready to
/// become tensors. Inputs (B, T) are tokens[0..T); targets (B, T) are tokens[1..T] with <see cref="MicroBatch.Ignore"/>
/// wherever no loss is taken — the prompt and the padding — so every target is one token the policy generated.
/// Advantages (B) holds each row's advantage, shared by all its completion tokens.</summary>
public sealed record PolicyBatch(long[] Inputs, long[] Targets, float[] Advantages, int Rows, int Columns, int TargetCount)
{
    public static PolicyBatch Pack(IReadOnlyList<(Sample Sample, double Advantage)> rows)
    {
        var columns = rows.Max(r => r.Sample.Prompt.Length + r.Sample.Completion.Length) - 1;
        var inputs = new long[rows.Count * columns];
        var targets = new long[rows.Count * columns];
        Array.Fill(targets, MicroBatch.Ignore);
        var count = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var (s, _) = rows[r];
            int[] tokens = [.. s.Prompt, .. s.Completion];
            for (var c = 0; c < tokens.Length - 1; c++)
            {
                inputs[r * columns + c] = tokens[c];
                // Position c predicts token c+1; it counts when that token is one the model sampled.
                if (c + 1 >= s.Prompt.Length) { targets[r * columns + c] = tokens[c + 1]; count++; }
            }
        }
        return new PolicyBatch(inputs, targets, rows.Select(r => (float)r.Advantage).ToArray(), rows.Count, columns, count);
    }

    /// <summary>Rows sorted by length into micro-batches of at most <paramref name="microBatchTokens"/> padded tokens (a
    /// longer single row gets a micro-batch of its own), so short completions are not padded to the longest one.</summary>
    public static IReadOnlyList<PolicyBatch> Split(IReadOnlyList<(Sample Sample, double Advantage)> rows, int microBatchTokens)
    {
        var sorted = rows.OrderBy(r => r.Sample.Prompt.Length + r.Sample.Completion.Length).ToList(); // stable
        var batches = new List<PolicyBatch>();
        var current = new List<(Sample, double)>();
        foreach (var row in sorted)
        {
            var length = row.Sample.Prompt.Length + row.Sample.Completion.Length - 1;
            if (current.Count > 0 && (current.Count + 1) * length > microBatchTokens)
            {
                batches.Add(Pack(current));
                current = [];
            }
            current.Add(row);
        }
        if (current.Count > 0) batches.Add(Pack(current));
        return batches;
    }
}
