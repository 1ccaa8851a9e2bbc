namespace Ponder.Eval;

/// <summary>One row of the grid: an embedded GGUF file, or an OpenAI-compatible endpoint (vLLM, llama.cpp server,
/// another Ponder) given by base URL, the model name it serves, and a key. <see cref="Name"/> labels it in reports;
/// the key never reaches the output folder.</summary>
public sealed record ModelSpec(string Name, string? Path = null, string? Url = null, string? RemoteModel = null, string? ApiKey = null)
{
    public bool IsRemote => Url is not null;

    /// <summary>What identifies the model for the configuration fingerprint: the file's size and content hash, or the
    /// endpoint and model name. Content, not path or time, so a run resumes after the folder and its models are copied
    /// or cloned elsewhere, and retraining a model in place is still noticed.</summary>
    public string Fingerprint => IsRemote ? $"remote {Url} model {RemoteModel ?? "(server default)"}"
        : File.Exists(Path) ? $"gguf {new FileInfo(Path!).Length} bytes sha256 {ContentHash(Path!)}"
        : $"gguf {Path} (missing)";

    /// <summary>SHA-256 of the whole file up to 256 MiB; of a larger one, its first and last 64 MiB (with the size
    /// beside it that tells apart any two files a user would confuse, without reading gigabytes at every start).</summary>
    public static string ContentHash(string path)
    {
        const long whole = 256L << 20, part = 64L << 20;
        using var file = File.OpenRead(path);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        void Feed(long from, long count)
        {
            file.Position = from;
            while (count > 0 && file.Read(buffer, 0, (int)Math.Min(buffer.Length, count)) is var n and > 0) { sha.AppendData(buffer, 0, n); count -= n; }
        }
        if (file.Length <= whole) Feed(0, file.Length);
        else { Feed(0, part); Feed(file.Length - part, part); }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static ModelSpec Embedded(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist.", path);
        return new(System.IO.Path.GetFileNameWithoutExtension(path), Path: path);
    }

    public static ModelSpec Remote(string url, string? model, string? apiKey)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new ArgumentException($"remote URL '{url}' is not an http(s) URL; give the server's base, e.g. http://localhost:8080.");
        return new($"{model ?? "remote"}@{uri.Authority}", Url: url.TrimEnd('/'), RemoteModel: model, ApiKey: apiKey);
    }
}
