using System.Globalization;
using Ponder.Training;

namespace Ponder.Cli;

/// <summary>`ponder train`: supervised training from scratch on the reasoning tasks (see Ponder.Training.Trainer).
/// Every TrainConfig field has a flag; --resume continues the run in --out with its saved configuration (only
/// --steps and --minutes may change).</summary>
static class TrainCommand
{
    public const string Usage = """
        usage: ponder train [--depth N] [--steps N | --minutes M] [--out DIR] [--resume] [options]

          model      --depth N (size knob, width 32·N)  --context N
          data       --tasks SPEC ("all" or "addition:1-4,multiplication*2")  --thinking-fraction F
                     --dataset FILE.jsonl (GSM8K format)  --stop-on-malformed
          batch      --batch-tokens N  --micro-batch-tokens N (padded; default 0 = the context)
          length     --steps N  --minutes M
          optimiser  --optimizer adamw|muon  --lr F  --warmup N  --decay cosine|linear  --min-lr-fraction F
                     --weight-decay F  --grad-clip F  --muon-momentum F  --seed N
          eval       --val-every N  --val-problems N  --max-thinking-tokens N
          output     --out DIR  --checkpoint-every N  --log-every N  --export F32|F16|Q8_0  --threads N
        """;

    static readonly Dictionary<string, Func<TrainConfig, string, TrainConfig>> Flags = new()
    {
        ["--depth"] = (c, v) => c with { Depth = Int(v) },
        ["--context"] = (c, v) => c with { Context = Int(v) },
        ["--tasks"] = (c, v) => c with { Tasks = v },
        ["--thinking-fraction"] = (c, v) => c with { ThinkingFraction = Real(v) },
        ["--dataset"] = (c, v) => c with { Dataset = v },
        ["--batch-tokens"] = (c, v) => c with { BatchTokens = Int(v) },
        ["--micro-batch-tokens"] = (c, v) => c with { MicroBatchTokens = Int(v) },
        ["--steps"] = (c, v) => c with { Steps = Int(v) },
        ["--minutes"] = (c, v) => c with { Minutes = Real(v) },
        ["--optimizer"] = (c, v) => c with { Optimizer = v },
        ["--muon-momentum"] = (c, v) => c with { MuonMomentum = Real(v) },
        ["--lr"] = (c, v) => c with { LearningRate = Real(v) },
        ["--warmup"] = (c, v) => c with { WarmupSteps = Int(v) },
        ["--decay"] = (c, v) => c with { Decay = v },
        ["--min-lr-fraction"] = (c, v) => c with { MinLearningRateFraction = Real(v) },
        ["--weight-decay"] = (c, v) => c with { WeightDecay = Real(v) },
        ["--grad-clip"] = (c, v) => c with { GradientClip = Real(v) },
        ["--seed"] = (c, v) => c with { Seed = Int(v) },
        ["--val-every"] = (c, v) => c with { ValidationEvery = Int(v) },
        ["--val-problems"] = (c, v) => c with { ValidationProblems = Int(v) },
        ["--max-thinking-tokens"] = (c, v) => c with { MaxThinkingTokens = Int(v) },
        ["--checkpoint-every"] = (c, v) => c with { CheckpointEvery = Int(v) },
        ["--log-every"] = (c, v) => c with { LogEvery = Int(v) },
        ["--out"] = (c, v) => c with { OutputDirectory = v },
        ["--export"] = (c, v) => c with { ExportType = v },
        ["--threads"] = (c, v) => c with { Threads = Int(v) },
    };

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.Out.Write(Usage); return 0; }
        var resume = args.Contains("--resume");
        var given = new List<(string Flag, string Value)>();
        var stopOnMalformed = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--resume") continue;
            if (args[i] == "--stop-on-malformed") { stopOnMalformed = true; continue; }
            if (!Flags.ContainsKey(args[i])) return Fail($"unknown option '{args[i]}'.\n{Usage}");
            if (i + 1 >= args.Length) return Fail($"{args[i]} needs a value.");
            given.Add((args[i], args[++i]));
        }

        var config = new TrainConfig();
        try
        {
            foreach (var (flag, value) in given.Where(g => g.Flag == "--out")) config = Flags[flag](config, value);
            var saved = Path.Combine(config.OutputDirectory, "config.json");
            if (resume && File.Exists(saved)) config = TrainConfig.FromJson(File.ReadAllText(saved));
            foreach (var (flag, value) in given) config = Flags[flag](config, value);
            if (stopOnMalformed) config = config with { StopOnMalformedLines = true };
            var result = Trainer.Run(config, new TrainOptions(Resume: resume, Interactive: !Console.IsErrorRedirected));
            Console.Out.WriteLine(result.ModelPath);
            return 0;
        }
        catch (Exception e) when (e is TrainConfigException or FormatException or InvalidDataException)
        {
            return Fail(e.Message);
        }
    }

    static int Int(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"'{v}' is not a whole number.");

    static double Real(string v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
        : throw new FormatException($"'{v}' is not a number.");

    static int Fail(string message)
    {
        Console.Error.WriteLine($"ponder train: {message}");
        return 1;
    }
}
