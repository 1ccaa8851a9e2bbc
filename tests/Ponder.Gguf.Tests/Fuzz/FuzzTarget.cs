namespace Ponder.Gguf.Tests.Fuzz;

/// <summary>How far a mutant got. Anything other than these (another exception type, a crash, a hang) is a bug.</summary>
public enum FuzzOutcome { RejectedAtOpen, RejectedByLlamaHeader, RejectedReadingTensor, Loaded }

/// <summary>Puts one file through everything a user's command would do with it: open (which validates),
/// describe, write it back and re-open the result (optional: slow for a 32k vocabulary), read the llama
/// header and dequantise every tensor.
/// Only <see cref="GgufFormatException"/> may escape from any step; the caller treats anything else as a failure.</summary>
public static class FuzzTarget
{
    public static FuzzOutcome FromBytes(byte[] bytes, bool rewrite = true)
    {
        InMemoryGguf parsed;
        try { parsed = InMemoryGguf.Parse(bytes); }
        catch (GgufFormatException) { return FuzzOutcome.RejectedAtOpen; }
        using (parsed) return Exercise(parsed.File, rewrite);
    }

    /// <summary>The same through a real file, to cover the memory-mapped path of <see cref="GgufFile.Open"/>.</summary>
    public static FuzzOutcome FromFile(byte[] bytes, string directory, bool rewrite = true)
    {
        var path = Path.Combine(directory, $"mutant-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, bytes);
        try
        {
            GgufFile file;
            try { file = GgufFile.Open(path); }
            catch (GgufFormatException) { return FuzzOutcome.RejectedAtOpen; }
            using (file) return Exercise(file, rewrite);
        }
        finally { File.Delete(path); } // also proves the map was released (on Windows a mapped file cannot be deleted)
    }

    static FuzzOutcome Exercise(GgufFile file, bool rewrite)
    {
        _ = GgufInspector.Describe(file);
        if (rewrite) Rewrite(file);

        var outcome = FuzzOutcome.Loaded;
        try { LlamaHeader.Read(file); }
        catch (GgufFormatException) { outcome = FuzzOutcome.RejectedByLlamaHeader; }
        foreach (var t in file.Tensors)
        {
            try { _ = file.ReadFloat32(t); }
            catch (GgufFormatException) { if (outcome == FuzzOutcome.Loaded) outcome = FuzzOutcome.RejectedReadingTensor; }
        }
        return outcome;
    }

    /// <summary>A file that opened must survive Ponder's own writer: rewrite it and open the copy.</summary>
    static void Rewrite(GgufFile file)
    {
        var rewritten = GgufBytes.Of(GgufWriter.From(file));
        InMemoryGguf copy;
        try { copy = InMemoryGguf.Parse(rewritten); }
        catch (GgufFormatException e) { throw new InvalidOperationException($"Ponder's rewrite of an accepted file is rejected: {e.Message}", e); }
        using (copy)
            if (copy.File.Tensors.Count != file.Tensors.Count || copy.File.Metadata.Count != file.Metadata.Count)
                throw new InvalidOperationException("the rewritten file lost tensors or keys");
    }
}
