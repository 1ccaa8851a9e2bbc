using System.Diagnostics;
using Ponder.Model.Llama;
using Ponder.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Bench;

/// <summary>TorchSharp training throughput: tokens/s of forward + backward + optimiser step for Ponder model sizes,
/// and the fraction of this machine's measured fp32 matmul peak that the step reaches (model FLOPs utilisation).
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- training-throughput [--depths 4,6,8] [--seconds 20]
///   [--threads N] [--attention fused,explicit] [--optimizer adamw,muon]
/// The optimisers are the trainer's own (Ponder.Training.RunOptimizer). With two attention paths or optimisers
/// listed, each depth measures them back to back, so a shared machine's load shifts both figures alike.</summary>
static class TrainingThroughputBenchmark
{
    public const string Summary = "tokens/s of forward + backward + optimiser step per model depth, and the share of fp32 matmul peak";

    public static int Run(string[] args)
    {
        var depths = Option(args, "--depths", "4,6,8").Split(',').Select(int.Parse).ToArray();
        var seconds = double.Parse(Option(args, "--seconds", "20"), System.Globalization.CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch", "16"));
        var seqLen = int.Parse(Option(args, "--seq", "256"));
        var threads = int.Parse(Option(args, "--threads", Environment.ProcessorCount.ToString()));
        var paths = Option(args, "--attention", "fused").Split(',');
        if (paths.Any(p => p is not ("fused" or "explicit")))
            throw new ArgumentException("--attention takes fused, explicit or both (comma-separated).");
        var optimizers = Option(args, "--optimizer", "adamw").Split(',');
        foreach (var name in optimizers) new TrainConfig(Optimizer: name).Validate(); // the trainer's own check and message
        const int vocab = 512;
        torch.set_num_threads(threads);
        Console.WriteLine($"threads {torch.get_num_threads()}, batch {batch} × {seqLen} tokens, vocab {vocab}, {seconds} s per size");

        // The peak is re-measured after every size and the best figure kept: on a shared machine a single
        // measurement taken during someone else's burst would flatter every fraction below.
        var peak = MatmulPeak(seconds / 2);
        var rows = new List<(int Depth, string Path, string Optimizer, long Parameters, double TokensPerSecond, double StepSeconds, double Achieved)>();
        foreach (var depth in depths)
        foreach (var path in paths)
        foreach (var optimizerName in optimizers)
        {
            var config = LlamaConfig.FromDepth(depth, vocab, contextLength: seqLen);
            using var model = LlamaModel.Random(config, seed: 1);
            model.FusedAttention = path == "fused";
            using var optimizer = new RunOptimizer(model.named_parameters().Select(p => (p.name, p.parameter)).ToList(),
                new TrainConfig(Optimizer: optimizerName));
            using var gen = new Generator(7);
            var tokens = randint(0, vocab, [batch, seqLen + 1], generator: gen);
            var input = tokens.narrow(1, 0, seqLen);
            var target = tokens.narrow(1, 1, seqLen);

            void Step()
            {
                using var scope = NewDisposeScope();
                optimizer.ZeroGrad();
                var logits = model.Forward(input); // (B, T, V)
                var loss = nn.functional.cross_entropy(logits.view(-1, vocab), target.reshape(-1));
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.Step(1e-3);
            }

            Step(); Step(); // warm up allocator and kernels
            var steps = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds || steps < 3) { Step(); steps++; }
            var stepSeconds = watch.Elapsed.TotalSeconds / steps;
            var tokensPerSecond = batch * seqLen / stepSeconds;
            var flopsPerToken = TrainingFlopsPerToken(config, seqLen);
            var achieved = tokensPerSecond * flopsPerToken;
            peak = Math.Max(peak, MatmulPeak(seconds / 4));
            rows.Add((depth, path, optimizerName, config.ParameterCount, tokensPerSecond, stepSeconds, achieved));
        }
        Console.WriteLine($"fp32 matmul peak (1024×1024 · 1024×1024, best of all measurements): {peak / 1e9:F1} GFLOP/s");
        Console.WriteLine();
        Console.WriteLine("| depth | attention | optimiser | parameters | tokens/s | step ms | model GFLOP/s | fraction of matmul peak |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (depth, path, optimizerName, parameters, tokensPerSecond, stepSeconds, achieved) in rows)
            Console.WriteLine($"| {depth} | {path} | {optimizerName} | {parameters / 1e6:F2}M | {tokensPerSecond:F0} | {stepSeconds * 1000:F0} | {achieved / 1e9:F1} | {achieved / peak:P0} |");
        return 0;
    }

    /// <summary>6 FLOPs per parameter per token for forward + backward of every matrix (embedding lookup excluded,
    /// output projection included), plus attention's score and value products (2·2·T/2·d per layer, causal, ×3 for backward).</summary>
    static double TrainingFlopsPerToken(LlamaConfig c, int seqLen)
    {
        double q = c.Heads * c.HeadDim, kv = c.KvHeads * c.HeadDim;
        var perBlock = c.Dim * (q + 2 * kv) + q * c.Dim + 3.0 * c.Dim * c.FeedForward;
        var matrices = c.Blocks * perBlock + (double)c.Dim * c.VocabSize;
        var attention = c.Blocks * 2.0 * 2.0 * (seqLen / 2.0) * q;
        return 6 * matrices + 3 * attention;
    }

    static double MatmulPeak(double seconds)
    {
        const int n = 1024;
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (var warm = a.matmul(b)) { }
        var best = 0.0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++) { using var c = a.matmul(b); }
            best = Math.Max(best, 10 * 2.0 * n * n * n / watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
