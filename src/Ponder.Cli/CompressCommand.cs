using System.Globalization;
using Ponder.Training;
using Ponder.Training.Compression;

namespace Ponder.Cli;

/// <summary>`ponder compress`: thought compression — GRPO from an SFT model with a length penalty on correct samples
/// (see Ponder.Training.Compression.Compressor). Every CompressConfig field has a flag; --resume continues the run in
/// --out with its saved configuration (only --steps and --minutes may change).</summary>
static class CompressCommand
{
    public const string Usage = """
        usage: ponder compress --from SFT_DIR|MODEL.gguf [--out DIR] [--steps N | --minutes M] [--resume] [options]

          start      --from DIR|FILE (an SFT run directory: its newest good checkpoint; or a Ponder GGUF)
          prompts    --tasks SPEC ("all" or "addition:1-4,multiplication*2")  --prompts N (per step)  --seed N
          sampling   --group N (samples per prompt, ≥ 2)  --temperature T  --max-thinking-tokens N  --max-answer-tokens N
          reward     --reward sigmoid|shortest  --alpha F (0..1)  --penalty-warmup N  --penalty-ramp N
          optimiser  --lr F  --min-lr-fraction F (cosine decay to lr·F at the last step; 1 = constant)
                     --weight-decay F  --beta1 F  --beta2 F  --grad-clip F  --kl F (0 = off)  --clip-eps F (0 = off)
                     --epochs N  --micro-batch-tokens N
          length     --steps N  --minutes M
          eval       --eval-every N  --eval-problems N
          output     --out DIR  --checkpoint-every N  --log-every N  --export F32|F16|Q8_0  --threads N

        Every option defaults to the recipe that made the shipped model (runs/compress-default.sh), printed at start.

        Budget-forcing baseline (accuracy vs reasoning tokens of the SFT model under Thinking budgets, on llama.cpp):
          ponder eval --models SFT.gguf --modes thinking@16,thinking@32,thinking@64,thinking@128,thinking --temperature 0
        """;

    static readonly Dictionary<string, Func<CompressConfig, string, CompressConfig>> Flags = new()
    {
        ["--from"] = (c, v) => c with { From = v },
        ["--tasks"] = (c, v) => c with { Tasks = v },
        ["--prompts"] = (c, v) => c with { PromptsPerStep = Int(v) },
        ["--group"] = (c, v) => c with { GroupSize = Int(v) },
        ["--temperature"] = (c, v) => c with { Temperature = Real(v) },
        ["--max-thinking-tokens"] = (c, v) => c with { MaxThinkingTokens = Int(v) },
        ["--max-answer-tokens"] = (c, v) => c with { MaxAnswerTokens = Int(v) },
        ["--reward"] = (c, v) => c with { Reward = Reward(v) },
        ["--alpha"] = (c, v) => c with { Alpha = Real(v) },
        ["--penalty-warmup"] = (c, v) => c with { PenaltyWarmupSteps = Int(v) },
        ["--penalty-ramp"] = (c, v) => c with { PenaltyRampSteps = Int(v) },
        ["--lr"] = (c, v) => c with { LearningRate = Real(v) },
        ["--min-lr-fraction"] = (c, v) => c with { MinLearningRateFraction = Real(v) },
        ["--weight-decay"] = (c, v) => c with { WeightDecay = Real(v) },
        ["--beta1"] = (c, v) => c with { Beta1 = Real(v) },
        ["--beta2"] = (c, v) => c with { Beta2 = Real(v) },
        ["--grad-clip"] = (c, v) => c with { GradientClip = Real(v) },
        ["--kl"] = (c, v) => c with { KlCoefficient = Real(v) },
        ["--clip-eps"] = (c, v) => c with { ClipEpsilon = Real(v) },
        ["--epochs"] = (c, v) => c with { Epochs = Int(v) },
        ["--micro-batch-tokens"] = (c, v) => c with { MicroBatchTokens = Int(v) },
        ["--steps"] = (c, v) => c with { Steps = Int(v) },
        ["--minutes"] = (c, v) => c with { Minutes = Real(v) },
        ["--seed"] = (c, v) => c with { Seed = Int(v) },
        ["--threads"] = (c, v) => c with { Threads = Int(v) },
        ["--eval-every"] = (c, v) => c with { EvalEvery = Int(v) },
        ["--eval-problems"] = (c, v) => c with { EvalProblems = Int(v) },
        ["--checkpoint-every"] = (c, v) => c with { CheckpointEvery = Int(v) },
        ["--log-every"] = (c, v) => c with { LogEvery = Int(v) },
        ["--out"] = (c, v) => c with { OutputDirectory = v },
        ["--export"] = (c, v) => c with { ExportType = v },
    };

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.Out.Write(Usage); return 0; }
        var resume = args.Contains("--resume");
        var given = new List<(string Flag, string Value)>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--resume") continue;
            if (!Flags.ContainsKey(args[i])) return Fail($"unknown option '{args[i]}'.\n{Usage}");
            if (i + 1 >= args.Length) return Fail($"{args[i]} needs a value.");
            given.Add((args[i], args[++i]));
        }

        var config = new CompressConfig();
        try
        {
            foreach (var (flag, value) in given.Where(g => g.Flag == "--out")) config = Apply(config, flag, value);
            var saved = Path.Combine(config.OutputDirectory, "config.json");
            if (resume && File.Exists(saved)) config = CompressConfig.FromJson(File.ReadAllText(saved));
            foreach (var (flag, value) in given) config = Apply(config, flag, value);
            var result = Compressor.Run(config, new TrainOptions(Resume: resume, Interactive: !Console.IsErrorRedirected));
            Console.Out.WriteLine(result.ModelPath);
            return 0;
        }
        catch (Exception e) when (e is TrainConfigException or FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            return Fail(e.Message);
        }
    }

    static CompressConfig Apply(CompressConfig config, string flag, string value)
    {
        try { return Flags[flag](config, value); }
        catch (FormatException e) { throw new FormatException($"{flag} {e.Message}"); }
    }

    static int Int(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"'{v}' is not a whole number.");

    static double Real(string v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
        : throw new FormatException($"'{v}' is not a number.");

    static LengthReward Reward(string v) => v.ToLowerInvariant() switch
    {
        "sigmoid" => LengthReward.Sigmoid,
        "shortest" => LengthReward.Shortest,
        _ => throw new FormatException($"'{v}' is not a reward; use sigmoid (Arora & Zanette) or shortest (ShorterBetter-style)."),
    };

    static int Fail(string message)
    {
        Console.Error.WriteLine($"ponder compress: {message}");
        return 1;
    }
}
