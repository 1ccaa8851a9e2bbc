namespace Ponder.Gguf.Tests;

public class GgufRoundTripTests
{
    [Theory]
    [InlineData("fixtures/stories260K.gguf")]
    [InlineData("fixtures/llama-2-tiny-random.gguf")]
    public void Writing_back_a_llama_cpp_file_gives_identical_bytes(string fixture)
    {
        var path = SharedFixtures.Require(fixture);
        using var file = GgufFile.Open(path);
        using var copy = new MemoryStream();
        GgufWriter.From(file).WriteTo(copy);
        Assert.Equal(File.ReadAllBytes(path), copy.ToArray());
    }
}
