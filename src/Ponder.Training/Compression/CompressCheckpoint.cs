using System.Text.Json;
using System.Text.Json.Serialization;
using Ponder.Model.Llama;

namespace Ponder.Training.Compression;

/// <summary>Everything needed to continue a compression run, in the checksummed <see cref="CheckpointFile"/> container:
/// the RL step reached (which fixes the next prompts and sampling seed), optimiser steps taken, wall time so far, the
/// configuration, the model's hyperparameters (the run may have started from any Ponder GGUF), metrics so far, and
/// named F32 tensors: the policy ("model."), its AdamW moments ("adamw.") and, when the KL term is on, the frozen
/// starting model ("reference.").</summary>
public sealed record CompressCheckpoint(int Step, long OptimizerSteps, double ElapsedSeconds, CompressConfig Config,
    LlamaConfig Model, CompressMetrics Metrics, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Tensors)
{
    const string Stage = "compress";

    // NaN is a legitimate metric (no correct sample, gradient clipping off), so it is written as a literal.
    static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    sealed record Header(string Stage, int Step, long OptimizerSteps, double ElapsedSeconds, CompressConfig Config,
        LlamaConfig Model, CompressMetrics Metrics);

    public void Write(Stream stream) => CheckpointFile.Write(stream,
        JsonSerializer.SerializeToUtf8Bytes(new Header(Stage, Step, OptimizerSteps, ElapsedSeconds, Config, Model, Metrics), Json), Tensors);

    /// <summary>Reads and verifies a checkpoint; a damaged file throws <see cref="CorruptCheckpointException"/>, a
    /// supervised-training checkpoint <see cref="InvalidDataException"/>.</summary>
    public static CompressCheckpoint Read(string path)
    {
        var (bytes, tensors) = CheckpointFile.Read(path);
        var header = JsonSerializer.Deserialize<Header>(bytes, Json)!;
        if (header.Stage != Stage)
            throw new InvalidDataException($"{path} is not a compression checkpoint (it was written by ponder train?); choose another --out.");
        return new CompressCheckpoint(header.Step, header.OptimizerSteps, header.ElapsedSeconds, header.Config, header.Model,
            header.Metrics, tensors);
    }
}
