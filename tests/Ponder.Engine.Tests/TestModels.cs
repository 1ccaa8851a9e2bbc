namespace Ponder.Engine.Tests;

/// <summary>The models every engine test runs on: stories260K (when ../shared is present) and a random llama.</summary>
public static class TestModels
{
    public static TheoryData<string> Names => ["random", "stories260K"];

    /// <summary>The model's path, or a skip (with the reason printed) when its fixture is absent.</summary>
    public static string PathOf(string name) => name switch
    {
        "random" => RandomLlama.Path(),
        "stories260K" => SharedFixtures.Stories260K,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown test model"),
    };

    public static InferenceLoop Start(string name, int contextSize = 512, int maxSequences = 16, int queueCapacity = 64,
        TimeSpan? queueTimeout = null, Microsoft.Extensions.Logging.ILogger? logger = null) =>
        InferenceLoop.Start(new EngineOptions(PathOf(name), ContextSize: contextSize, MaxSequences: maxSequences,
            BatchSize: 256, Threads: 2, PrefillChunk: 16, QueueCapacity: queueCapacity, QueueTimeout: queueTimeout), logger);

    public static SamplingOptions Greedy(int maxTokens) => new(Temperature: 0, MaxTokens: maxTokens, IgnoreEos: true);
}
