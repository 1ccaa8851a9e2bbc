using Ponder.Model.Llama;
using Ponder.Training;
using static TorchSharp.torch;

namespace Ponder.Bench;

/// <summary>Muon's orthogonalisation, the part of its step that AdamW does not have: the matrices Muon takes in a
/// Ponder model of a given depth (random "gradients" of their shapes), orthogonalised one at a time
/// (<see cref="Muon.Orthogonalize(Tensor)"/> per matrix, as Muon did before) and as stacks of one shape
/// (<see cref="Muon.Orthogonalize(IReadOnlyList{Tensor})"/>, what it does now), in alternating rounds.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- muon [--depths 4,5] [--rounds 5] [--runs 20] [--threads 2]</summary>
static class MuonBench
{
    public const string Summary = "Muon's Newton–Schulz orthogonalisation of a model's matrices: one at a time vs stacked by shape";

    public static Task<int> Run(string[] args)
    {
        var options = new BenchArgs(args);
        var depths = options.Ints("depths", "4,5");
        var rounds = options.Int("rounds", 5);
        var runs = options.Int("runs", 20);
        set_num_threads(options.Int("threads", 2));
        Console.WriteLine($"threads {get_num_threads()}, {rounds} rounds of {runs} timed runs each way");
        Console.WriteLine();
        Console.WriteLine("| depth | matrices | shapes | one at a time ms | stacked ms | stacked / one at a time | largest difference |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var depth in depths)
        {
            using var scope = NewDisposeScope();
            using var model = LlamaModel.Random(LlamaConfig.FromDepth(depth, 512), seed: 1);
            using var generator = new Generator(3);
            var gradients = model.named_parameters().Where(p => Muon.Takes(p.name, p.parameter))
                .Select(p => randn(p.parameter.shape, generator: generator)).ToArray();
            var shapes = gradients.Select(g => (Math.Min(g.shape[0], g.shape[1]), Math.Max(g.shape[0], g.shape[1]))).Distinct().Count();

            void OneAtATime() { using var s = NewDisposeScope(); foreach (var g in gradients) Muon.Orthogonalize(g); }
            void Stacked() { using var s = NewDisposeScope(); Muon.Orthogonalize(gradients); }

            double alone = 0, together = 0;
            for (var round = 0; round < rounds; round++)
            {
                alone += BenchTiming.Measure(OneAtATime, runs).MedianMs;
                together += BenchTiming.Measure(Stacked, runs).MedianMs;
            }
            var stacked = Muon.Orthogonalize(gradients);
            var difference = gradients.Select((g, i) => (Muon.Orthogonalize(g) - stacked[i]).abs().max().item<float>()).Max();
            Console.WriteLine($"| {depth} | {gradients.Length} | {shapes} | {alone / rounds:F1} | {together / rounds:F1} | " +
                              $"{together / alone:F2} | {difference:E1} |");
        }
        return Task.FromResult(0);
    }
}
