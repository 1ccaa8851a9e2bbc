namespace Ponder.Gguf.Tests;

/// <summary>Small conversions between writers, files and byte arrays used throughout the tests.</summary>
public static class GgufBytes
{
    public static byte[] Of(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>The bytes Ponder writes for a file it has read: equal to the input when the round trip is faithful.</summary>
    public static byte[] Rewrite(GgufFile file) => Of(GgufWriter.From(file));

    public static byte[] Rewrite(byte[] bytes)
    {
        using var parsed = InMemoryGguf.Parse(bytes);
        return Rewrite(parsed.File);
    }
}
