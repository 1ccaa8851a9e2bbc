namespace Ponder.Training;

/// <summary>Examples padded to a common length, as flat row-major arrays ready to become tensors.
/// Inputs (B, T) are tokens[0..T); targets (B, T) are tokens[1..T] with <see cref="Ignore"/> wherever the loss is not
/// taken: the prompt, and the padding after each example (right padding, so causal attention never sees it).
/// <see cref="Tokens"/> counts the input positions that are not padding: what throughput is measured in.</summary>
public sealed record MicroBatch(long[] Inputs, long[] Targets, int Rows, int Columns, int TargetCount, int Tokens)
{
    public const long Ignore = -100;

    /// <summary>Input positions including padding: what the forward pass computes.</summary>
    public int PaddedTokens => Rows * Columns;

    public static MicroBatch Pack(IReadOnlyList<SftExample> examples)
    {
        var rows = examples.Count;
        var columns = examples.Max(e => e.Length) - 1;
        var inputs = new long[rows * columns];
        var targets = new long[rows * columns];
        Array.Fill(targets, Ignore);
        int count = 0, tokens = 0;
        for (var r = 0; r < rows; r++)
        {
            var e = examples[r];
            tokens += e.Length - 1;
            for (var c = 0; c < e.Length - 1; c++)
            {
                inputs[r * columns + c] = e.Tokens[c];
                // Position c predicts token c+1; it counts only when that token belongs to the assistant's reply.
                if (c + 1 >= e.PromptLength) { targets[r * columns + c] = e.Tokens[c + 1]; count++; }
            }
        }
        return new MicroBatch(inputs, targets, rows, columns, count, tokens);
    }
}
