// Ponder benchmarks: one subcommand per comparison; each runs its contenders side by side in one process.
// Run: dotnet run -c Release --project bench/Ponder.Bench -- engine-overhead [--model path] [--tokens 128]
//      dotnet run -c Release --project bench/Ponder.Bench -- fork-vs-prefill [--model path] [--prompt 256]
return args.FirstOrDefault() switch
{
    "engine-overhead" => await Ponder.Bench.EngineOverheadBench.Run(args[1..]),
    "fork-vs-prefill" => await Ponder.Bench.ForkVsPrefillBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ponder.Bench engine-overhead | fork-vs-prefill [options]");
    return 2;
}
