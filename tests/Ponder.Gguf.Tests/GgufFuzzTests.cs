using System.Diagnostics;
using Ponder.Gguf.Tests.Fuzz;

namespace Ponder.Gguf.Tests;

/// <summary>Mutated GGUF files must be loaded or rejected with a <see cref="GgufFormatException"/>: never another
/// exception, a crash or a hang. 1,000 cases by default (a few seconds); the full run is
///   PONDER_FUZZ_CASES=20000 dotnet test tests/Ponder.Gguf.Tests --filter Fuzz --logger "console;verbosity=detailed"
/// (PONDER_FUZZ_SEED picks another master seed). Every 25th case goes through a real file and the memory map.
/// A failing case's bytes are saved under the temp directory and its number reproduces it.</summary>
public class GgufFuzzTests(ITestOutputHelper output)
{
    const int DefaultCases = 1000;
    const int DefaultSeed = 20251126;
    static readonly TimeSpan PerCaseTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Fuzz_seed_files_load_unmutated()
    {
        // Every seed loads fully, except the every-value-type file: it has no llama keys, so it stops at the llama header.
        foreach (var seed in FuzzSeeds.All())
        {
            var expected = seed.Name == "ponder-every-type" ? FuzzOutcome.RejectedByLlamaHeader : FuzzOutcome.Loaded;
            Assert.Equal((seed.Name, expected), (seed.Name, FuzzTarget.FromBytes(seed.Bytes)));
        }
    }

    [Fact]
    public async Task Fuzz_mutated_files_are_loaded_or_rejected_with_a_format_error()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PONDER_FUZZ_CASES"), out var c) ? c : DefaultCases;
        var masterSeed = int.TryParse(Environment.GetEnvironmentVariable("PONDER_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var seeds = FuzzSeeds.All();
        var mutator = new GgufMutator(seeds, masterSeed);
        var directory = Directory.CreateTempSubdirectory("ponder-fuzz-").FullName;
        var outcomes = new Dictionary<string, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var slowest = (Case: -1, Ms: 0L);
        var perSeed = new Dictionary<string, (int Cases, long Ms)>();

        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var mutant = mutator.Mutate(i);
            var viaFile = i % 25 == 0;
            var started = clock.ElapsedMilliseconds;
            var cancel = TestContext.Current.CancellationToken;
            // Rewriting a fixture with a 32k vocabulary costs ~100 ms in a Debug build: do it for 1 case in 10 of the big seeds.
            var rewrite = mutant.Bytes.Length < 256 * 1024 || i % 10 == 0;
            var run = Task.Run(() => viaFile ? FuzzTarget.FromFile(mutant.Bytes, directory, rewrite) : FuzzTarget.FromBytes(mutant.Bytes, rewrite), cancel);
            string? failure = null;
            // The timeout guard: a hung case is reported (its thread is abandoned) rather than hanging the run.
            if (await Task.WhenAny(run, Task.Delay(PerCaseTimeout, cancel)) != run)
                failure = $"did not finish within {PerCaseTimeout.TotalSeconds} s";
            else
            {
                try
                {
                    var key = await run + (viaFile ? " (file)" : "");
                    outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                }
                catch (Exception e) { failure = e.ToString(); }
            }
            var ms = clock.ElapsedMilliseconds - started;
            perSeed[mutant.SeedName] = (perSeed.GetValueOrDefault(mutant.SeedName).Cases + 1, perSeed.GetValueOrDefault(mutant.SeedName).Ms + ms);
            if (ms > slowest.Ms) slowest = (i, ms);
            if (failure is not null)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"ponder-fuzz-failure-{masterSeed}-{i}.gguf");
                File.WriteAllBytes(saved, mutant.Bytes);
                failures.Add($"case {i} (seed file {mutant.SeedName}; {mutant.Description}; saved to {saved}):\n{failure}");
            }
        }
        Directory.Delete(directory, recursive: true);

        output.WriteLine($"GGUF fuzz: {cases} cases, master seed {masterSeed}, {seeds.Count} seed files ({string.Join(", ", seeds.Select(x => x.Name))}), {clock.Elapsed.TotalSeconds:F1} s, slowest case {slowest.Case} ({slowest.Ms} ms)");
        foreach (var (name, (n, ms)) in perSeed)
            output.WriteLine($"  seed {name,-30} {n,6} cases {ms,7} ms");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key))
            output.WriteLine($"  {outcome,-32} {count,7}");
        Assert.True(failures.Count == 0, $"{failures.Count} fuzz failure(s):\n\n" + string.Join("\n\n", failures));
    }
}
