using System.Diagnostics;
using Ponder.Engine;
using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Reasoning;

namespace Ponder.Bench;

/// <summary>Contemplating latency ratio: wall time of Contemplating with 8 agents over Thinking with 1 agent, same
/// question, same per-agent thinking budget and answer limit, early stop and refinement off, on random-weight
/// Ponder-architecture models, Q8_0 by default — the weight type Ponder ships (--weights f32,f16,q8_0 compares) — (Ponder's vocabulary, LlamaConfig.FromDepth with a feed-forward override to land on
/// ≈5M and ≈25M parameters). The contenders alternate (T, C, T, C, …) so drifting machine load hits both; reported:
/// best-of ratio (min C / min T) and the median of the per-round ratios. Sequential agents would be 8×.
/// For reference each round also times the engine alone doing the same token work without the reasoning layer
/// (one sequence of budget + answer greedy tokens vs a root and agents − 1 forks of it): its ratio is the floor the
/// engine's batched throughput on this machine allows, so the gap between the two is the reasoning layer's cost.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- contemplating-latency [--rounds 5] [--budget 128] [--answer 16] [--agents 8] [--threads 2] [--sizes 5,25] [--weights q8_0|f16|f32,...] [--flash auto|on|off] [--kv unified|separate]</summary>
public static class ContemplatingLatencyBench
{
    public const string Summary = "wall time of Contemplating (8 agents) over Thinking (1), same budget, on ≈5M and ≈25M Ponder models";

    public static async Task<int> Run(string[] argv)
    {
        var a = new BenchArgs(argv);
        int rounds = a.Int("rounds", 5), budget = a.Int("budget", 128), answer = a.Int("answer", 16), agents = a.Int("agents", 8);
        int threads = a.Int("threads", Environment.ProcessorCount);
        var sizes = a.Ints("sizes", "5,25");
        var unified = a.Get("kv", "unified") == "unified";
        var weightTypes = a.Get("weights", "q8_0").Split(',').Select(w => Enum.Parse<GgmlType>(w, ignoreCase: true)).ToArray();
        bool? flash = a.Get("flash", "auto") switch { "on" => true, "off" => false, _ => null };
        Console.WriteLine($"contemplating-latency: {agents} agents vs 1, budget {budget}, answer ≤ {answer} tokens, early stop off, refine off, threads {threads}, KV cache {(unified ? "unified (agents fork the prompt)" : "separate per sequence (prompt prefilled per agent)")}, {rounds} rounds alternating");
        Console.WriteLine($"weights {string.Join(",", weightTypes)}, flash attention {a.Get("flash", "auto")}");
        Console.WriteLine("| model | weights | params | Thinking×1 best ms | Contemplating×" + agents + " best ms | ratio (best/best) | ratio median (per round) | rounds ratios | engine alone: 1 seq / " + agents + " seqs best ms | engine floor ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var size in sizes)
        foreach (var weights in weightTypes)
        {
            var question = ReasoningRequest.Ask("What is 12 times 7? Think step by step.") with
                { ThinkingBudget = budget, MaxAnswerTokens = answer, EarlyStop = false, Refine = false, Seed = 1, Temperature = a.Float("temperature", 0f) };
            var thinking = question with { Mode = ReasoningMode.Thinking };
            var contemplating = question with { Mode = ReasoningMode.Contemplating, Agents = agents };

            // Equal token work needs a model whose greedy thought fills the budget and whose answer fills its limit: a
            // random model that closes its thought early would make every mode cheap and the ratio meaningless.
            InferenceLoop? engine = null;
            string path = "";
            long parameters = 0;
            for (var seed = 1; engine is null; seed++)
            {
                if (seed > 50) throw new InvalidOperationException("no random model among 50 seeds fills the thinking budget greedily");
                (path, parameters) = WriteModel(size, weights, seed);
                var context = (agents + 1) * (2 * budget + answer + 128);
                var candidate = InferenceLoop.Start(new EngineOptions(path, ContextSize: context, MaxSequences: agents + 1,
                    BatchSize: 512, Threads: threads, PrefillChunk: 256, UnifiedKvCache: unified, FlashAttention: flash));
                var usage = (await Reasoner.For(candidate, "ponder").RunAsync(thinking)).Usage;
                if (usage.ReasoningTokens >= budget && usage.AnswerTokens >= answer) { engine = candidate; Console.Error.WriteLine($"  ≈{size}M: random model seed {seed}"); }
                else { await candidate.DisposeAsync(); File.Delete(path); }
            }
            await using var _ = engine;
            var reasoner = Reasoner.For(engine, "ponder");

            await Time(reasoner, contemplating); // warm-up (the seed probe above already ran Thinking once)
            var t = new List<double>();
            var c = new List<double>();
            var e1 = new List<double>();
            var eN = new List<double>();
            var prompt = engine.Tokenize(reasoner.Profile.FormatPrompt(question.Messages, thinking: true));
            for (var r = 0; r < rounds; r++)
            {
                t.Add(await Time(reasoner, thinking));
                c.Add(await Time(reasoner, contemplating));
                e1.Add(await EngineAlone(engine, prompt, 1, budget + answer, unified));
                eN.Add(await EngineAlone(engine, prompt, agents, budget + answer, unified));
            }
            var ratios = t.Zip(c, (x, y) => y / x).ToList();
            Console.WriteLine($"| ≈{size}M | {weights} | {parameters / 1e6:0.0}M | {t.Min():0} | {c.Min():0} | {c.Min() / t.Min():0.00}× | {Median(ratios):0.00}× | {string.Join(" ", ratios.Select(x => x.ToString("0.00")))} " +
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

    /// <summary>The same token work on the bare engine, greedy, EOS ignored: a root sequence and n − 1 forks of it
    /// (unified cache), or n sequences each prefilling the prompt in the same batches (separate caches refuse forks).</summary>
    static async Task<double> EngineAlone(InferenceLoop engine, int[] prompt, int n, int tokens, bool unified)
    {
        var sampling = new Ponder.Engine.SamplingOptions(Temperature: 0, MaxTokens: tokens, IgnoreEos: true);
        var clock = Stopwatch.StartNew();
        var root = engine.Generate(GenerationRequest.FromTokens(prompt, sampling));
        var streams = new List<GenerationStream> { root };
        for (var i = 1; i < n; i++)
            streams.Add(engine.Generate(unified ? GenerationRequest.Fork(root.Id, sampling) : GenerationRequest.FromTokens(prompt, sampling)));
        await Task.WhenAll(streams.Select(st => st.CollectAsync()));
        return clock.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>≈5M: depth 8 (dim 256) with SwiGLU width 512; ≈25M: depth 12 (dim 384) with SwiGLU width 1408.</summary>
    static (string Path, long Parameters) WriteModel(int millions, GgmlType weights, int seed)
    {
        var vocab = PonderVocabulary.Build().Count;
        var config = millions <= 10
            ? LlamaConfig.FromDepth(8, vocab) with { FeedForward = 512 }
            : LlamaConfig.FromDepth(12, vocab) with { FeedForward = 1408 };
        var path = Path.Combine(Path.GetTempPath(), $"ponder-contemplating-{millions}M-{weights}-{seed}-{Environment.ProcessId}.gguf");
        using var model = LlamaModel.Random(config, seed: seed);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        model.Save(path, keys, weights, name: $"ponder-random-{millions}M");
        return (path, config.ParameterCount);
    }
}
