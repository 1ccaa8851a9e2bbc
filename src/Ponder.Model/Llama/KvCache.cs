using static TorchSharp.torch;

namespace Ponder.Model.Llama;

/// <summary>Keys and values of every layer for a batch of sequences, pre-allocated to <see cref="Capacity"/>
/// positions: per layer (B, kvHeads, Capacity, headDim). The tensors live outside any dispose scope until
/// the cache is disposed.</summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] keys, values;

    public int Batch { get; private set; }
    public int Capacity { get; }

    /// <summary>Positions written so far (columns 0 .. Length-1 are valid).</summary>
    public int Length { get; internal set; }

    public KvCache(LlamaConfig config, int batch, int capacity)
    {
        if (capacity > config.ContextLength)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the model's context is {config.ContextLength} positions; ask for fewer.");
        Batch = batch;
        Capacity = capacity;
        keys = new Tensor[config.Blocks];
        values = new Tensor[config.Blocks];
        for (var i = 0; i < config.Blocks; i++)
        {
            keys[i] = zeros(batch, config.KvHeads, capacity, config.HeadDim).DetachFromDisposeScope();
            values[i] = zeros(batch, config.KvHeads, capacity, config.HeadDim).DetachFromDisposeScope();
        }
    }

    /// <summary>Writes k, v (B, kvHeads, T, headDim) at columns start .. start+T-1 of layer <paramref name="layer"/>
    /// and returns views of all columns up to there: (B, kvHeads, start+T, headDim) each.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, int start, Tensor k, Tensor v)
    {
        var t = (int)k.shape[2];
        if (start + t > Capacity)
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; writing {t} at {start} overflows it. Create a larger cache.");
        if (k.shape[0] != Batch)
            throw new InvalidOperationException($"the KV cache was made for a batch of {Batch}, not {k.shape[0]}.");
        keys[layer].narrow(2, start, t).copy_(k);
        values[layer].narrow(2, start, t).copy_(v);
        return (keys[layer].narrow(2, 0, start + t), values[layer].narrow(2, 0, start + t));
    }

    /// <summary>Keeps only the sequences at <paramref name="rows"/> (in that order), so finished sequences stop
    /// costing work: the batch dimension of every layer's keys and values shrinks to rows.Length.</summary>
    internal void Keep(long[] rows)
    {
        using var index = tensor(rows);
        for (var i = 0; i < keys.Length; i++)
        {
            var (k, v) = (keys[i], values[i]);
            keys[i] = k.index_select(0, index).DetachFromDisposeScope();
            values[i] = v.index_select(0, index).DetachFromDisposeScope();
            k.Dispose();
            v.Dispose();
        }
        Batch = rows.Length;
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
    }
}
