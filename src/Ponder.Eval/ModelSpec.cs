namespace Ponder.Eval;

/// <summary>One row of the grid: an embedded GGUF file, or an OpenAI-compatible endpoint (vLLM, llama.cpp server,
/// another Ponder) given by base URL, the model name it serves, and a key. <see cref="Name"/> labels it in reports;
/// the key never reaches the output folder.</summary>
public sealed record ModelSpec(string Name, string? Path = null, string? Url = null, string? RemoteModel = null, string? ApiKey = null)
{
    public bool IsRemote => Url is not null;

    /// <summary>What identifies the model for the configuration fingerprint: the file's full path, size and time, or the
    /// endpoint and model name (so retraining a checkpoint in place is noticed).</summary>
    public string Fingerprint => IsRemote ? $"remote {Url} model {RemoteModel ?? "(server default)"}"
        : File.Exists(Path) ? $"gguf {System.IO.Path.GetFullPath(Path!)} {new FileInfo(Path!).Length} bytes {File.GetLastWriteTimeUtc(Path!):O}"
        : $"gguf {Path} (missing)";

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
