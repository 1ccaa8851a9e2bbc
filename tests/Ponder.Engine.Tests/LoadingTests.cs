using Microsoft.Extensions.Logging;
using Ponder.Gguf;

namespace Ponder.Engine.Tests;

/// <summary>llama.cpp's log is process-wide and routed to the logger of the engine started last, so these tests
/// (which read that log) run alone, not beside other classes starting engines.</summary>
[CollectionDefinition(nameof(NativeLogCollection), DisableParallelization = true)]
public sealed class NativeLogCollection;

[Collection(nameof(NativeLogCollection))]
public sealed class LoadingTests
{
    [Fact]
    public void A_corrupt_model_file_gives_Ponders_message_and_no_native_crash()
    {
        var good = File.ReadAllBytes(RandomLlama.Path());
        var path = Path.Combine(Path.GetTempPath(), $"ponder-corrupt-{Guid.NewGuid():N}.gguf");
        try
        {
            File.WriteAllBytes(path, good[..(good.Length / 2)]); // truncated tensor data
            var e = Assert.Throws<GgufFormatException>(() => InferenceLoop.Start(new EngineOptions(path)));
            Assert.Contains(path, e.Message);

            File.WriteAllText(path, "not a gguf file at all");
            Assert.Throws<GgufFormatException>(() => InferenceLoop.Start(new EngineOptions(path)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_llama_file_missing_a_tensor_is_refused_before_llama_cpp_sees_it()
    {
        var w = RandomLlama.Build(seed: 7);
        var path = Path.Combine(Path.GetTempPath(), $"ponder-missing-{Guid.NewGuid():N}.gguf");
        try
        {
            var pruned = new GgufWriter();
            foreach (var (k, v) in w.Metadata) pruned.Metadata.Set(k, v);
            using (var src = WriteAndOpen(w))
                foreach (var t in src.Tensors.Where(t => t.Name != "blk.1.ffn_up.weight"))
                    pruned.AddTensor(t.Name, t.Type, t.Shape.ToArray(), src.TensorBytes(t).ToArray());
            pruned.Save(path);
            var e = Assert.Throws<GgufFormatException>(() => InferenceLoop.Start(new EngineOptions(path)));
            Assert.Contains("missing required tensor 'blk.1.ffn_up.weight'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_file_llama_cpp_refuses_is_reported_with_llama_cpps_own_cause()
    {
        // Valid GGUF, unknown architecture: Ponder's validation passes it on, llama.cpp's loader refuses it.
        var w = RandomLlama.Build(seed: 7);
        w.Metadata.Set("general.architecture", GgufValue.String("nosucharch"));
        var path = Path.Combine(Path.GetTempPath(), $"ponder-arch-{Guid.NewGuid():N}.gguf");
        try
        {
            w.Save(path);
            var e = Assert.Throws<EngineLoadException>(() => InferenceLoop.Start(new EngineOptions(path)));
            Assert.Contains("llama.cpp could not load the model", e.Message);
            Assert.Contains("nosucharch", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Native_log_lines_reach_Ponders_logger()
    {
        var log = new ListLogger();
        await using var engine = TestModels.Start("random", logger: log);
        Assert.Contains(log.Lines, l => l.Contains("llama.cpp:"));
    }

    [Fact]
    public void Impossible_engine_options_name_the_setting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => InferenceLoop.Start(new EngineOptions(RandomLlama.Path(), MaxSequences: 0)));
        Assert.Contains("MaxSequences is 0", e.Message);
    }

    static GgufFile WriteAndOpen(GgufWriter w)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-src-{Guid.NewGuid():N}.gguf");
        w.Save(path);
        return GgufFile.Open(path);
    }

    sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
