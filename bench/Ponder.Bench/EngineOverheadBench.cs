using System.Diagnostics;
using LLama;
using LLama.Batched;
using LLama.Native;
using Ponder.Engine;

namespace Ponder.Bench;

/// <summary>Engine overhead: greedy tokens/s of Ponder's InferenceLoop against a bare LLamaSharp BatchedExecutor loop
/// (argmax over Conversation.Sample(), Prompt(token), Infer()) on the same model, the same context parameters and the
/// same work: N sequences × T sampled tokens from the same prompt, prefill included. Contenders alternate, best of R.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- engine-overhead [--model m.gguf] [--tokens 128] [--rounds 3]</summary>
public static class EngineOverheadBench
{
    public static async Task<int> Run(string[] argv)
    {
        var a = new BenchArgs(argv);
        var model = a.Model;
        int tokens = a.Int("tokens", 128), rounds = a.Int("rounds", 3), threads = a.Int("threads", Environment.ProcessorCount);
        var counts = a.Ints("sequences", "1,8,32");
        const int promptLength = 8;
        var options = new EngineOptions(model, ContextSize: counts.Max() * (promptLength + tokens + 8), MaxSequences: counts.Max(),
            BatchSize: 512, Threads: threads, PrefillChunk: 512);
        Console.WriteLine($"engine-overhead: model {Path.GetFileName(model)}, {tokens} tokens per sequence, threads {threads}, best of {rounds}");

        await using var engine = InferenceLoop.Start(options);
        var prompt = engine.Tokenize("Once upon a time, there was a");
        prompt = prompt.Take(promptLength).ToArray();
        using var weights = LLamaWeights.LoadFromFile(ModelLoader.Parameters(options));

        Console.WriteLine("| live sequences | bare BatchedExecutor tok/s | Ponder loop tok/s | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var n in counts)
        {
            double bare = 0, ponder = 0;
            for (var r = 0; r < rounds; r++)
            {
                bare = Math.Max(bare, await Bare(weights, options, prompt, n, tokens));
                ponder = Math.Max(ponder, await Ponder(engine, prompt, n, tokens));
            }
            Console.WriteLine($"| {n} | {bare:0} | {ponder:0} | {ponder / bare:0.00}× |");
        }
        var stats = engine.Stats;
        Console.WriteLine($"Ponder loop time outside llama_decode: {stats.LoopTime.TotalMilliseconds:0} ms of " +
            $"{(stats.LoopTime + stats.DecodeTime).TotalMilliseconds:0} ms stepping ({stats.LoopTime / (stats.LoopTime + stats.DecodeTime):P1}), " +
            $"{stats.LoopTime.TotalMicroseconds / stats.TokensSampled:0.0} µs per sampled token");
        return 0;
    }

    static async Task<double> Ponder(InferenceLoop engine, int[] prompt, int n, int tokens)
    {
        var sampling = new SamplingOptions(Temperature: 0, MaxTokens: tokens, IgnoreEos: true);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, n).Select(_ =>
            engine.Generate(GenerationRequest.FromTokens(prompt, sampling)).CollectAsync()));
        var produced = results.Sum(r => r.Tokens.Count);
        if (produced != n * tokens) throw new InvalidOperationException($"Ponder produced {produced} tokens, expected {n * tokens}");
        return produced / clock.Elapsed.TotalSeconds;
    }

    static async Task<double> Bare(LLamaWeights weights, EngineOptions options, int[] prompt, int n, int tokens)
    {
        using var executor = new BatchedExecutor(weights, ModelLoader.Parameters(options));
        var clock = Stopwatch.StartNew();
        var conversations = Enumerable.Range(0, n).Select(_ => executor.Create()).ToList();
        var promptTokens = prompt.Select(t => (LLamaToken)t).ToArray();
        foreach (var c in conversations) c.Prompt(promptTokens);
        while (executor.BatchedTokenCount > 0) Check(await executor.Infer());
        var produced = 0;
        for (var step = 0; step < tokens; step++)
        {
            foreach (var c in conversations)
            {
                var logits = c.Sample();
                var best = 0;
                for (var i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
                produced++;
                if (step < tokens - 1) c.Prompt((LLamaToken)best);
            }
            if (step < tokens - 1) Check(await executor.Infer());
        }
        var rate = produced / clock.Elapsed.TotalSeconds;
        foreach (var c in conversations) c.Dispose();
        return rate;
    }

    static void Check(DecodeResult r)
    {
        if (r != DecodeResult.Ok) throw new InvalidOperationException($"BatchedExecutor.Infer returned {r}");
    }
}
