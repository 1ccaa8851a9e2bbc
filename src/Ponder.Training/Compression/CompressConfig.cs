using System.Text.Json;
using System.Text.Json.Serialization;
using Ponder.Gguf;

namespace Ponder.Training.Compression;

/// <summary>Everything a thought-compression run depends on, flat and typed. Printed at start and saved as config.json
/// beside the checkpoints; a resumed run uses the one in its checkpoint (only Steps and Minutes may change). The defaults
/// are the measured recipe that made the shipped model (runs/compress-default.sh; bench/RESULTS.md "Thought
/// compression"): sigmoid reward, α 0.8 after 20 + 40 steps, a cosine-decayed rate from 1.2e-4, thoughts ≤ 320 tokens.</summary>
public sealed record CompressConfig(
    // Starting model: an SFT run directory (`ponder train --out`, its newest good checkpoint) or a GGUF file
    string From = "",
    // Prompts: tasks as "name[:min-max],…" ("all" = every task at its trained levels), from the Train split
    string Tasks = "all",
    // Sampling: PromptsPerStep prompts × GroupSize samples each, in Thinking mode. A sample whose thought is still
    // open after MaxThinkingTokens is stopped and scored incorrect; an answer may take MaxAnswerTokens.
    int GroupSize = 16, int PromptsPerStep = 4, double Temperature = 1.0, int MaxThinkingTokens = 320, int MaxAnswerTokens = 24,
    // Reward: 1{correct}·(1 − α·penalty(length)), penalty from the group's correct samples (see GroupReward).
    // α is 0 for PenaltyWarmupSteps steps, then ramps linearly to Alpha over PenaltyRampSteps.
    LengthReward Reward = LengthReward.Sigmoid, double Alpha = 0.8, int PenaltyWarmupSteps = 20, int PenaltyRampSteps = 40,
    // Optimisation: AdamW, token-level loss (Dr. GRPO); the rate decays by a cosine from LearningRate at step 0 to
    // LearningRate·MinLearningRateFraction at Steps (1 = constant); KL to the starting model (k3) and PPO
    // ratio clipping over Epochs inner passes are both off by default.
    double LearningRate = 1.2e-4, double MinLearningRateFraction = 0.1, double WeightDecay = 0, double Beta1 = 0.9, double Beta2 = 0.99, double GradientClip = 1.0,
    double KlCoefficient = 0, double ClipEpsilon = 0, int Epochs = 1, int MicroBatchTokens = 8192,
    // Length of the run: Steps, or stop early when Minutes have passed (0 = no time budget)
    int Steps = 1000, double Minutes = 0,
    // Reproducibility: step s's prompts and sampling seed are a function of (Seed, s)
    int Seed = 1, int Threads = 0,
    // Evaluation: greedy Thinking and Instant accuracy and reasoning tokens on a fixed validation set, at step 0 (the
    // SFT baseline) and every EvalEvery steps (0 = only at the start and the end)
    int EvalEvery = 50, int EvalProblems = 128,
    // Checkpoints (the last two are kept), logging, and the exported model
    int CheckpointEvery = 10, int LogEvery = 1, string OutputDirectory = "runs/compress", string ExportType = "F16")
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CompressConfig FromJson(string json) =>
        JsonSerializer.Deserialize<CompressConfig>(json, Json) ?? throw new InvalidDataException("config.json is empty.");

    /// <summary>The GGUF storage type of the exported model's matrices.</summary>
    [JsonIgnore]
    public GgmlType ExportGgmlType => new TrainConfig(ExportType: ExportType).ExportGgmlType;

    /// <summary>Samples per step.</summary>
    [JsonIgnore]
    public int SamplesPerStep => GroupSize * PromptsPerStep;

    /// <summary>The length-penalty weight in force at <paramref name="step"/> (0-based): 0 during the warm-up, then a
    /// linear ramp that reaches <see cref="Alpha"/> after <see cref="PenaltyRampSteps"/> more steps.</summary>
    public double AlphaAt(int step)
    {
        if (step < PenaltyWarmupSteps) return 0;
        if (PenaltyRampSteps == 0) return Alpha;
        return Alpha * Math.Min(1.0, (double)(step - PenaltyWarmupSteps + 1) / PenaltyRampSteps);
    }

    /// <summary>The learning rate at <paramref name="step"/> (0-based): a cosine from LearningRate to
    /// LearningRate·MinLearningRateFraction over Steps, without warm-up (the policy starts trained).</summary>
    public double LearningRateAt(int step) => LearningRateSchedule.At(LearningRate, 0, Steps, MinLearningRateFraction, step);

    /// <summary>Checks every field on its own (the task mix is checked by <see cref="TaskMix"/>, the starting model when
    /// it is loaded). Throws <see cref="TrainConfigException"/> naming the setting and what to do.</summary>
    public void Validate()
    {
        void Require(bool ok, string message) { if (!ok) throw new TrainConfigException(message); }
        Require(!string.IsNullOrWhiteSpace(From), "--from is required: an SFT run directory (ponder train --out) or a model.gguf.");
        Require(GroupSize is >= 2 and <= 256, $"group size {GroupSize} is out of range; use 2..256 (the advantage compares samples within a group).");
        Require(PromptsPerStep is >= 1 and <= 1024, $"prompts per step {PromptsPerStep} is out of range; use 1..1024.");
        Require(Temperature is > 0 and <= 5, $"temperature {Temperature} must be in (0, 5]; RL needs sampling, so 0 (greedy) is refused.");
        Require(MaxThinkingTokens is >= 1 and <= 8192, $"max thinking tokens {MaxThinkingTokens} is out of range; use 1..8192.");
        Require(MaxAnswerTokens is >= 1 and <= 1024, $"max answer tokens {MaxAnswerTokens} is out of range; use 1..1024.");
        Require(Alpha is >= 0 and <= 1, $"alpha {Alpha} must be between 0 and 1 (a correct answer must never score below an incorrect one).");
        Require(PenaltyWarmupSteps >= 0 && PenaltyRampSteps >= 0, "penalty warm-up and ramp steps must not be negative.");
        Require(LearningRate is > 0 and < 1, $"learning rate {LearningRate} must be in (0, 1).");
        Require(MinLearningRateFraction is >= 0 and <= 1, $"minimum learning-rate fraction {MinLearningRateFraction} must be between 0 and 1.");
        Require(WeightDecay >= 0, $"weight decay {WeightDecay} must not be negative.");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, "AdamW betas must be in [0, 1).");
        Require(GradientClip >= 0, $"gradient clip {GradientClip} must be zero (off) or positive.");
        Require(KlCoefficient >= 0, $"KL coefficient {KlCoefficient} must be zero (off) or positive.");
        Require(ClipEpsilon is >= 0 and < 1, $"clip epsilon {ClipEpsilon} must be in [0, 1); 0 switches clipping off.");
        Require(Epochs is >= 1 and <= 16, $"epochs {Epochs} is out of range; use 1..16 inner passes per batch.");
        Require(MicroBatchTokens >= 64, $"micro-batch of {MicroBatchTokens} tokens is too small; use at least 64.");
        Require(Steps > 0, $"steps must be positive, not {Steps}.");
        Require(Minutes >= 0, $"minutes must be zero (no budget) or positive, not {Minutes}.");
        Require(Threads >= 0, $"threads must be zero (all cores) or positive, not {Threads}.");
        Require(EvalEvery >= 0 && EvalProblems >= 0, "eval interval and problem count must not be negative.");
        Require(CheckpointEvery >= 0 && LogEvery > 0, "checkpoint interval must not be negative and the log interval must be positive.");
        Require(!string.IsNullOrWhiteSpace(OutputDirectory), "an output directory is required.");
        _ = ExportGgmlType;
    }

    /// <summary>The effective configuration as aligned "name = value" lines, for the start of a run's log.</summary>
    public string Describe() => string.Join('\n', GetType().GetProperties()
        .Where(p => p.Name is not (nameof(ExportGgmlType) or nameof(SamplesPerStep) or "EqualityContract"))
        .Select(p => $"  {p.Name,-24} = {p.GetValue(this)}"));
}
