using System.Diagnostics;
using Ponder.Engine;
using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Reasoning;

namespace Ponder.Bench;

/// <summary>Contemplating latency ratio: wall time of Contemplating with 8 agents over Thinking with 1 agent, same
/// question, same per-agent thinking budget and answer limit, early stop and refinement off, on random-weight
/// Ponder-architecture models (Ponder's vocabulary, LlamaConfig.FromDepth with a feed-forward override to land on
/// ≈5M and ≈25M parameters). The contenders alternate (T, C, T, C, …) so drifting machine load hits both; reported:
/// best-of ratio (min C / min T) and the median of the per-round ratios. Sequential agents would be 8×.
/// For reference each round also times the engine alone doing the same token work without the reasoning layer
/// (one sequence of budget + answer greedy tokens vs a root and agents − 1 forks of it): its ratio is the floor the
/// engine's batched throughput on this machine allows, so the gap between the two is the reasoning layer's cost.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- contemplating-latency [--rounds 5] [--budget 128] [--answer 16] [--agents 8] [--threads 2] [--sizes 5,25]</summary>
public static class ContemplatingLatencyBench
{
    public const string Summary = "wall time of Contemplating (8 agents) over Thinking (1), same budget, on ≈5M and ≈25M Ponder models";

    public static async Task<int> Run(string[] argv)
    {
        var a = new BenchArgs(argv);
        int rounds = a.Int("rounds", 5), budget = a.Int("budget", 128), answer = a.Int("answer", 16), agents = a.Int("agents", 8);
        int threads = a.Int("threads", Environment.ProcessorCount);
        var sizes = a.Get("sizes", "5,25").Split(',').Select(int.Parse).ToArray();
        var unified = a.Get("kv", "unified") == "unified";
        Console.WriteLine($"contemplating-latency: {agents} agents vs 1, budget {budget}, answer ≤ {answer} tokens, early stop off, refine off, threads {threads}, KV cache {(unified ? "unified (agents fork the prompt)" : "separate per sequence (prompt prefilled per agent)")}, {rounds} rounds alternating");
        Console.WriteLine("| model | params | Thinking×1 best ms | Contemplating×" + agents + " best ms | ratio (best/best) | ratio median (per round) | rounds ratios | engine alone: 1 seq / " + agents + " seqs best ms | engine floor ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var size in sizes)
        {
            var (path, parameters) = WriteModel(size);
            var context = (agents + 1) * (2 * budget + answer + 128);
            await using var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: context, MaxSequences: agents + 1,
                BatchSize: 512, Threads: threads, PrefillChunk: 256, UnifiedKvCache: unified));
            var reasoner = Reasoner.For(engine, "ponder");
            var question = ReasoningRequest.Ask("What is 12 times 7? Think step by step.") with
                { ThinkingBudget = budget, MaxAnswerTokens = answer, EarlyStop = false, Refine = false, Seed = 1, Temperature = a.Float("temperature", 0f) };
            var thinking = question with { Mode = ReasoningMode.Thinking };
            var contemplating = question with { Mode = ReasoningMode.Contemplating, Agents = agents };

            await Time(reasoner, thinking); // warm-up
            await Time(reasoner, contemplating);
            var t = new List<double>();
            var c = new List<double>();
            var e1 = new List<double>();
            var eN = new List<double>();
            var prompt = engine.Tokenize(reasoner.Profile.FormatPrompt(question.Messages, thinking: true));
            for (var r = 0; r < rounds; r++)
            {
                t.Add(await Time(reasoner, thinking));
                c.Add(await Time(reasoner, contemplating));
                e1.Add(await EngineAlone(engine, prompt, 1, budget + answer));
                eN.Add(await EngineAlone(engine, prompt, agents, budget + answer));
            }
            var ratios = t.Zip(c, (x, y) => y / x).ToList();
            Console.WriteLine($"| ≈{size}M | {parameters / 1e6:0.0}M | {t.Min():0} | {c.Min():0} | {c.Min() / t.Min():0.00}× | {Median(ratios):0.00}× | {string.Join(" ", ratios.Select(x => x.ToString("0.00")))} " +
                $"| {e1.Min():0} / {eN.Min():0} | {eN.Min() / e1.Min():0.00}× |");
            File.Delete(path);
        }
        return 0;
    }

    static async Task<double> Time(Reasoner reasoner, ReasoningRequest request)
    {
        var clock = Stopwatch.StartNew();
        var result = await reasoner.RunAsync(request);
        var ms = clock.Elapsed.TotalMilliseconds;
        Console.Error.WriteLine($"  {request.Mode}: {ms:0} ms, reasoning {result.Usage.ReasoningTokens} answer {result.Usage.AnswerTokens} tokens");
        return ms;
    }

    /// <summary>The same token work on the bare engine: a root sequence and n − 1 forks, greedy, EOS ignored.</summary>
    static async Task<double> EngineAlone(InferenceLoop engine, int[] prompt, int n, int tokens)
    {
        var sampling = new Ponder.Engine.SamplingOptions(Temperature: 0, MaxTokens: tokens, IgnoreEos: true);
        var clock = Stopwatch.StartNew();
        var root = engine.Generate(GenerationRequest.FromTokens(prompt, sampling));
        var streams = new List<GenerationStream> { root };
        for (var i = 1; i < n; i++) streams.Add(engine.Generate(GenerationRequest.Fork(root.Id, sampling)));
        await Task.WhenAll(streams.Select(st => st.CollectAsync()));
        return clock.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>≈5M: depth 8 (dim 256) with SwiGLU width 512; ≈25M: depth 12 (dim 384) with SwiGLU width 1408.</summary>
    static (string Path, long Parameters) WriteModel(int millions)
    {
        var vocab = PonderVocabulary.Build().Count;
        var config = millions <= 10
            ? LlamaConfig.FromDepth(8, vocab) with { FeedForward = 512 }
            : LlamaConfig.FromDepth(12, vocab) with { FeedForward = 1408 };
        var path = Path.Combine(Path.GetTempPath(), $"ponder-contemplating-{millions}M-{Environment.ProcessId}.gguf");
        using var model = LlamaModel.Random(config, seed: 1);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        model.Save(path, keys, GgmlType.F32, name: $"ponder-random-{millions}M");
        return (path, config.ParameterCount);
    }
}
