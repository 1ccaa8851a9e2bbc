using System.Text.Json;
using System.Text.Json.Serialization;
using Ponder.Gguf;

namespace Ponder.Training;

/// <summary>Everything a supervised training run depends on, flat and typed. <see cref="Depth"/> is the one size knob
/// (width, heads and feed-forward follow from it, see LlamaConfig.FromDepth). Printed at start and saved as
/// config.json beside the checkpoints; a resumed run uses the saved one.</summary>
public sealed record TrainConfig(
    // Model
    int Depth = 4, int Context = 1024,
    // Data: tasks as "name[:min-max],…" ("all" = every task at its trained levels); share of Thinking targets;
    // an optional JSONL question/answer file (GSM8K format) mixed in as one more task.
    string Tasks = "all", double ThinkingFraction = 0.7, string? Dataset = null, bool StopOnMalformedLines = false,
    // Batch: tokens per optimiser step, split into length-sorted micro-batches of at most MicroBatchTokens (padded;
    // 0 = one context's worth, the least padding and the fastest measured, bench/RESULTS.md "Padding")
    int BatchTokens = 8192, int MicroBatchTokens = 0,
    // Length of the run: Steps, or stop early when Minutes have passed (0 = no time budget)
    int Steps = 1000, double Minutes = 0,
    // Optimisation: "adamw", or "muon" (Muon for the blocks' matrices, AdamW for the rest; see Muon), linear warm-up,
    // then "cosine" or "linear" decay to LearningRate·MinLearningRateFraction
    double LearningRate = 3e-3, int WarmupSteps = 50, double MinLearningRateFraction = 0.1,
    string Decay = LearningRateSchedule.CosineName,
    double WeightDecay = 0.1, double Beta1 = 0.9, double Beta2 = 0.95, double GradientClip = 1.0,
    string Optimizer = RunOptimizer.AdamWName, double MuonMomentum = 0.95,
    // Reproducibility: one seed for initialisation and the data stream
    int Seed = 1,
    // Validation: greedy accuracy per mode on a fixed validation set, every ValidationEvery steps (0 = never)
    int ValidationEvery = 100, int ValidationProblems = 64, int MaxThinkingTokens = 768, int MaxAnswerTokens = 24,
    // Checkpoints (the last two are kept), logging, and the exported model
    int CheckpointEvery = 100, int LogEvery = 10, string OutputDirectory = "runs/train", string ExportType = "Q8_0",
    int Threads = 0)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainConfig FromJson(string json) =>
        JsonSerializer.Deserialize<TrainConfig>(json, Json) ?? throw new InvalidDataException("config.json is empty.");

    /// <summary>The GGUF storage type of the exported model's matrices.</summary>
    [JsonIgnore]
    public GgmlType ExportGgmlType => ExportType.ToUpperInvariant() switch
    {
        "F32" => GgmlType.F32,
        "F16" => GgmlType.F16,
        "Q8_0" => GgmlType.Q8_0,
        _ => throw new TrainConfigException($"export type '{ExportType}' is not supported; use F32, F16 or Q8_0."),
    };

    /// <summary>The padded size a micro-batch may reach: <see cref="MicroBatchTokens"/>, or the context where that is 0.</summary>
    [JsonIgnore]
    public int MicroBatchLimit => MicroBatchTokens > 0 ? MicroBatchTokens : Context;

    /// <summary>Checks every field on its own; the task mix and memory are checked by <see cref="TaskMix"/> and
    /// <see cref="MemoryEstimate"/>. Throws <see cref="TrainConfigException"/> naming the field and what to do.</summary>
    public void Validate()
    {
        void Require(bool ok, string message) { if (!ok) throw new TrainConfigException(message); }
        Require(Depth is >= 2 and <= 64, $"depth {Depth} is out of range; use 2..64 (width = 32·depth).");
        Require(Context is >= 32 and <= 8192, $"context {Context} is out of range; use 32..8192 tokens.");
        Require(ThinkingFraction is >= 0 and <= 1, $"thinking fraction {ThinkingFraction} must be between 0 and 1.");
        Require(MicroBatchTokens == 0 || MicroBatchTokens >= Context, $"micro-batch of {MicroBatchTokens} tokens cannot hold one {Context}-token sequence; use 0 (one context) or at least the context.");
        Require(BatchTokens >= Context, $"a batch of {BatchTokens} tokens is smaller than the context; use at least {Context} tokens.");
        Require(Steps > 0, $"steps must be positive, not {Steps}.");
        Require(Minutes >= 0, $"minutes must be zero (no budget) or positive, not {Minutes}.");
        Require(LearningRate is > 0 and < 1, $"learning rate {LearningRate} must be in (0, 1).");
        Require(WarmupSteps >= 0, $"warm-up steps must be zero or positive, not {WarmupSteps}.");
        Require(MinLearningRateFraction is >= 0 and <= 1, $"minimum learning-rate fraction {MinLearningRateFraction} must be between 0 and 1.");
        Require(Decay is LearningRateSchedule.CosineName or LearningRateSchedule.LinearName, $"learning-rate decay '{Decay}' is not known; use {LearningRateSchedule.CosineName} or {LearningRateSchedule.LinearName}.");
        Require(WeightDecay >= 0, $"weight decay {WeightDecay} must not be negative.");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, "AdamW betas must be in [0, 1).");
        Require(Optimizer is RunOptimizer.AdamWName or RunOptimizer.MuonName, $"optimiser '{Optimizer}' is not known; use {RunOptimizer.AdamWName} or {RunOptimizer.MuonName}.");
        Require(MuonMomentum is >= 0 and < 1, $"Muon momentum {MuonMomentum} must be in [0, 1).");
        Require(GradientClip >= 0, $"gradient clip {GradientClip} must be zero (off) or positive.");
        Require(ValidationEvery >= 0 && ValidationProblems >= 0, "validation interval and problem count must not be negative.");
        Require(MaxThinkingTokens > 0 && MaxAnswerTokens > 0, "generation limits for validation must be positive.");
        Require(CheckpointEvery >= 0 && LogEvery > 0, "checkpoint interval must not be negative and the log interval must be positive.");
        Require(!string.IsNullOrWhiteSpace(OutputDirectory), "an output directory is required.");
        Require(Threads >= 0, $"threads must be zero (all cores) or positive, not {Threads}.");
        _ = ExportGgmlType;
        if (Dataset is not null) Require(File.Exists(Dataset), $"dataset file not found: {Dataset}");
    }

    /// <summary>The effective configuration as aligned "name = value" lines, for the start of a run's log.</summary>
    public string Describe() => string.Join('\n', GetType().GetProperties()
        .Where(p => p.Name != nameof(ExportGgmlType) && p.Name != "EqualityContract")
        .Select(p => $"  {p.Name,-24} = {p.GetValue(this)}"));
}

/// <summary>A training configuration that cannot run; the message says which setting and what to do.</summary>
public sealed class TrainConfigException(string message) : Exception(message);
