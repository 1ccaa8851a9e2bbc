using Ponder.Model.Tokenizer;
using Ponder.Training;

namespace Ponder.Bench;

/// <summary>What padding costs supervised training: the trainer itself (<see cref="Trainer.Run"/>) on the default
/// model's recipe (depth 4, every task, 4,096-token steps, Muon) for a few micro-batch limits, in alternating rounds so
/// a shared machine's load falls on all of them alike. Every run starts from the same seed, so all see the same
/// batches. Reports tokens/s of real (non-padding) tokens, the padded share of the rows and the time per step.
/// With several step sizes (--batch) every step size runs at every limit.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- sft-batching [--micro 1024,2048,4096] [--batch 4096]
///   [--seconds 60] [--rounds 2] [--threads 2]</summary>
static class SftBatchingBench
{
    public const string Summary = "the trainer's time per step and real tokens/s at several micro-batch limits (what padding costs) and step sizes";

    public static Task<int> Run(string[] args)
    {
        var options = new BenchArgs(args);
        var limits = options.Ints("micro", "1024,2048,4096");
        var stepSizes = options.Ints("batch", "4096");
        var contenders = stepSizes.SelectMany(b => limits.Select(l => (Batch: b, Limit: l))).ToArray();
        var seconds = options.Float("seconds", 60);
        var rounds = options.Int("rounds", 2);
        var threads = options.Int("threads", 2);
        var baseline = new TrainConfig(Depth: 4, Tasks: "all", ThinkingFraction: 0.7, BatchTokens: 4096, Steps: 1_000_000,
            Minutes: seconds / 60.0, Optimizer: RunOptimizer.MuonName, LearningRate: 6e-3, WarmupSteps: 100,
            Decay: LearningRateSchedule.LinearName, MinLearningRateFraction: 0, ValidationEvery: 0, CheckpointEvery: 0,
            LogEvery: 1_000_000, ExportType: "F16", Threads: threads);
        foreach (var (batch, limit) in contenders) (baseline with { BatchTokens = batch, MicroBatchTokens = limit }).Validate(); // the trainer's own check and message
        Console.WriteLine($"depth {baseline.Depth}, context {baseline.Context}, {threads} threads, {seconds} s per run, " +
                          $"{rounds} rounds of (step tokens, micro-batch limit) {string.Join(", ", contenders)}");

        var totals = contenders.ToDictionary(c => c, _ => (Steps: 0, Seconds: 0.0, Real: 0L, Padded: 0L, MicroBatches: 0L));
        var tokenizer = new SentencePieceTokenizer(PonderVocabulary.Build());
        for (var round = 0; round < rounds; round++)
        foreach (var (batch, limit) in contenders)
        {
            var config = baseline with { BatchTokens = batch, MicroBatchTokens = limit, OutputDirectory = Directory.CreateTempSubdirectory("ponder-sft-batching-").FullName };
            try
            {
                var result = Trainer.Run(config, new TrainOptions(Log: TextWriter.Null));
                var data = new SftDataStream(config, TaskMix.Parse(config.Tasks), tokenizer);
                var t = totals[(batch, limit)];
                foreach (var step in result.Metrics.Steps)
                {
                    var batches = data.BatchesForStep(step.Step - 1);
                    long real = batches.Sum(b => b.Tokens), padded = batches.Sum(b => (long)b.PaddedTokens);
                    t = (t.Steps + 1, t.Seconds + real / step.TokensPerSecond, t.Real + real, t.Padded + padded, t.MicroBatches + batches.Count);
                }
                totals[(batch, limit)] = t;
                Console.WriteLine($"  round {round + 1}, {batch}-token steps, limit {limit}: {result.Step} steps");
            }
            finally { Directory.Delete(config.OutputDirectory, recursive: true); }
        }

        Console.WriteLine();
        Console.WriteLine("| step tokens | micro-batch limit | micro-batches per step | padding share of rows | steps | step ms | real tokens/s | vs first |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var first = totals[contenders[0]].Real / totals[contenders[0]].Seconds;
        foreach (var (batch, limit) in contenders)
        {
            var t = totals[(batch, limit)];
            var tokensPerSecond = t.Real / t.Seconds;
            Console.WriteLine($"| {batch} | {limit} | {(double)t.MicroBatches / t.Steps:F2} | {1 - (double)t.Real / t.Padded:P1} | {t.Steps} | " +
                              $"{t.Seconds / t.Steps * 1000:F0} | {tokensPerSecond:F0} | {tokensPerSecond / first:F2} |");
        }
        return Task.FromResult(0);
    }
}
