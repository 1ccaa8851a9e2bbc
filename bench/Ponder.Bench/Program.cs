using Ponder.Bench;

// Ponder's benchmarks, one subcommand each. Figures go into bench/RESULTS.md with the command that made them.
// Run: dotnet run -c Release --project bench/Ponder.Bench -- gguf-open
// Adding one: a static class in its own file with Summary and Run(string[] args), and a line in this table.
// Plain Stopwatch medians rather than BenchmarkDotNet: these are end-to-end operations of tens of milliseconds,
// and BenchmarkDotNet's many processes and pilot runs take minutes on the shared 2-core machines.
var benchmarks = new Dictionary<string, (string Summary, Func<string[], int> Run)>
{
    ["gguf-open"] = (GgufOpenBenchmark.Summary, GgufOpenBenchmark.Run),
    ["training-throughput"] = (TrainingThroughputBenchmark.Summary, TrainingThroughputBenchmark.Run),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Ponder.Bench -- BENCHMARK [ARGS]\n");
    foreach (var (name, (summary, _)) in benchmarks) Console.Error.WriteLine($"  {name,-20} {summary}");
    return args.Length == 0 ? 2 : 1;
}
return benchmark.Run(args[1..]);
