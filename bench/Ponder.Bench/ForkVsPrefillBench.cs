using System.Diagnostics;
using Ponder.Engine;

namespace Ponder.Bench;

/// <summary>Eight sequences from one prompt, three ways, side by side: (1) unified KV cache, the prompt decoded once and
/// shared by 7 forks; (2) unified cache, the prompt prefilled for each sequence in the same batches; (3) a separate
/// cache per sequence (KVUnified off), prompt prefilled per sequence. Reports wall time and time to first token.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- fork-vs-prefill [--model m.gguf] [--prompt 256] [--tokens 64]</summary>
public static class ForkVsPrefillBench
{
    public static async Task<int> Run(string[] argv)
    {
        var a = new BenchArgs(argv);
        int promptLength = a.Int("prompt", 256), tokens = a.Int("tokens", 64), rounds = a.Int("rounds", 3);
        int sequences = a.Int("sequences", 8), threads = a.Int("threads", Environment.ProcessorCount);
        var context = sequences * (promptLength + tokens + 16);
        Console.WriteLine($"fork-vs-prefill: model {Path.GetFileName(a.Model)}, {sequences} sequences, prompt {promptLength}, {tokens} tokens each, threads {threads}, best of {rounds}");
        var unified = new EngineOptions(a.Model, ContextSize: context, MaxSequences: sequences, BatchSize: 512, Threads: threads, PrefillChunk: 512);
        var separate = unified with { UnifiedKvCache = false };

        await using var u = InferenceLoop.Start(unified);
        await using var s = InferenceLoop.Start(separate);
        var text = string.Concat(Enumerable.Repeat("Once upon a time, there was a little girl named Lily. ", 64));
        var prompt = u.Tokenize(text).Take(promptLength).ToArray();

        var best = new (double Wall, double FirstToken)[3];
        for (var i = 0; i < 3; i++) best[i] = (double.MaxValue, double.MaxValue);
        for (var r = 0; r < rounds; r++)
        {
            Keep(ref best[0], await Time(u, prompt, sequences, tokens, fork: true));
            Keep(ref best[1], await Time(u, prompt, sequences, tokens, fork: false));
            Keep(ref best[2], await Time(s, prompt, sequences, tokens, fork: false));
        }
        Console.WriteLine("| way | wall ms | first token ms (all sequences) | tok/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        string[] names = ["unified KV, 1 prefill + 7 forks", "unified KV, prefill per sequence", "separate KV per sequence, prefill per sequence"];
        for (var i = 0; i < 3; i++)
            Console.WriteLine($"| {names[i]} | {best[i].Wall:0.0} | {best[i].FirstToken:0.0} | {sequences * tokens / (best[i].Wall / 1000):0} |");
        return 0;
    }

    static void Keep(ref (double Wall, double FirstToken) best, (double Wall, double FirstToken) t) =>
        best = (Math.Min(best.Wall, t.Wall), Math.Min(best.FirstToken, t.FirstToken));

    static async Task<(double Wall, double FirstToken)> Time(InferenceLoop engine, int[] prompt, int n, int tokens, bool fork)
    {
        var sampling = new SamplingOptions(Temperature: 0.8f, Seed: 1, MaxTokens: tokens, IgnoreEos: true);
        var clock = Stopwatch.StartNew();
        var streams = new List<GenerationStream> { engine.Generate(GenerationRequest.FromTokens(prompt, sampling)) };
        for (var i = 1; i < n; i++)
            streams.Add(engine.Generate(fork
                ? GenerationRequest.Fork(streams[0].Id, sampling with { Seed = i })
                : GenerationRequest.FromTokens(prompt, sampling with { Seed = i })));
        var firsts = streams.Select(async st => { await st.Events.WaitToReadAsync(); return clock.Elapsed.TotalMilliseconds; }).ToList();
        var results = await Task.WhenAll(streams.Select(st => st.CollectAsync()));
        if (results.Any(r => r.Tokens.Count != tokens)) throw new InvalidOperationException("a sequence ended early");
        return (clock.Elapsed.TotalMilliseconds, (await Task.WhenAll(firsts)).Max());
    }
}
