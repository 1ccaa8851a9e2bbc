using Ponder.Model.Llama;

namespace Ponder.Model.Tests.Llama;

public sealed class LlamaConfigTests
{
    [Theory]
    [InlineData(4, 0.5e6, 1.5e6)]
    [InlineData(8, 4e6, 8e6)]
    [InlineData(12, 15e6, 30e6)]
    public void Depth_sets_the_size_and_every_row_length_fits_Q8_0(int depth, double minParams, double maxParams)
    {
        var c = LlamaConfig.FromDepth(depth, vocabSize: 512);
        Assert.InRange(c.ParameterCount, minParams, maxParams);
        Assert.All(new[] { c.Dim, c.Heads * c.HeadDim, c.FeedForward }, rowLength => Assert.Equal(0, rowLength % 32));
        Assert.True(c.KvHeads < c.Heads || c.Heads % 2 == 1, "grouped-query attention wherever the head count allows");
        Assert.Equal(c.Dim, c.Heads * c.HeadDim);
    }
}
