using Ponder.Bench;

// Ponder's benchmarks, one subcommand each; each runs its contenders side by side in one process.
// Figures go into bench/RESULTS.md with the command that made them.
// Run: dotnet run -c Release --project bench/Ponder.Bench -- BENCHMARK [ARGS]
// Adding one: a static class in its own file with a Run(string[] args) method, and a line in this table.
// Plain Stopwatch timings rather than BenchmarkDotNet: these are end-to-end operations of milliseconds to minutes,
// and BenchmarkDotNet's many processes and pilot runs take far too long on the shared 2-core machines.
var benchmarks = new Dictionary<string, (string Summary, Func<string[], Task<int>> Run)>
{
    ["gguf-open"] = (GgufOpenBenchmark.Summary, a => Task.FromResult(GgufOpenBenchmark.Run(a))),
    ["training-throughput"] = (TrainingThroughputBenchmark.Summary, a => Task.FromResult(TrainingThroughputBenchmark.Run(a))),
    ["sft-batching"] = (SftBatchingBench.Summary, SftBatchingBench.Run),
    ["muon"] = (MuonBench.Summary, MuonBench.Run),
    ["engine-overhead"] = ("tokens/s of Ponder's inference loop vs a bare LLamaSharp BatchedExecutor at 1/8/32 sequences", EngineOverheadBench.Run),
    ["serve-load"] = (ServeLoadBench.Summary, ServeLoadBench.Run),
    ["fork-vs-prefill"] = ("8 sequences from one prompt: unified-cache forks vs per-sequence prefill", ForkVsPrefillBench.Run),
    ["contemplating-latency"] = (ContemplatingLatencyBench.Summary, ContemplatingLatencyBench.Run),
    ["rollout"] = (RolloutBench.Summary, RolloutBench.Run),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Ponder.Bench -- BENCHMARK [ARGS]\n");
    foreach (var (name, (summary, _)) in benchmarks) Console.Error.WriteLine($"  {name,-20} {summary}");
    return args.Length == 0 ? 2 : 1;
}
return await benchmark.Run(args[1..]);
