namespace Ponder.Training.Tests;

/// <summary>Assertions on named tensors as checkpoints store them.</summary>
static class TensorAssert
{
    /// <summary>The same names, shapes and bit-identical data.</summary>
    public static void Same(IReadOnlyDictionary<string, (long[] Shape, float[] Data)> expected,
        IReadOnlyDictionary<string, (long[] Shape, float[] Data)> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, (shape, data)) in expected)
        {
            Assert.Equal(shape, actual[name].Shape);
            Assert.True(data.AsSpan().SequenceEqual(actual[name].Data), $"tensor {name} differs");
        }
    }
}
