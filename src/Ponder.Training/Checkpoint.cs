using System.Text.Json;

namespace Ponder.Training;

/// <summary>Everything needed to continue a supervised run: the step reached (which is also the data stream's position,
/// see <see cref="SftDataStream"/>), the configuration, metrics so far, training time so far, and named F32 tensors
/// (model weights, AdamW moments and, with Muon, its momenta). Stored in the checksummed <see cref="CheckpointFile"/>
/// container.</summary>
public sealed record Checkpoint(int Step, double ElapsedSeconds, TrainConfig Config, TrainingMetrics Metrics,
    IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Tensors)
{
    sealed record Header(int Step, double ElapsedSeconds, TrainConfig Config, TrainingMetrics Metrics);

    public void Write(Stream stream) =>
        CheckpointFile.Write(stream, JsonSerializer.SerializeToUtf8Bytes(new Header(Step, ElapsedSeconds, Config, Metrics)), Tensors);

    /// <summary>Reads and verifies a checkpoint; a truncated or altered file throws <see cref="CorruptCheckpointException"/>.</summary>
    public static Checkpoint Read(string path)
    {
        var (bytes, tensors) = CheckpointFile.Read(path);
        var header = JsonSerializer.Deserialize<Header>(bytes)!;
        return new Checkpoint(header.Step, header.ElapsedSeconds, header.Config, header.Metrics, tensors);
    }
}
