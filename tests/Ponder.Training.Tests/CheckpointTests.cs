namespace Ponder.Training.Tests;

public sealed class CheckpointTests
{
    static Checkpoint Sample(int step) => new(step, 12.5, new TrainConfig(Seed: 7), new TrainingMetrics
    {
        Steps = [new StepMetrics(1, 6.1, 1e-3, 1000, 0.5)],
        Validations = [new ValidationMetrics(1, 0.25, 0.5, 3)],
    }, new Dictionary<string, (long[], float[])> { ["model.w"] = ([2, 2], [1, 2, 3, 4]), ["adamw.w.exp_avg"] = ([1], [0.5f]) });

    [Fact]
    public void A_checkpoint_round_trips()
    {
        using var run = new TinyRun();
        var store = new CheckpointStore(run.Directory, TextWriter.Null);
        store.Save(Sample(5));
        var read = store.LoadLatest()!;
        Assert.Equal(5, read.Step);
        Assert.Equal(12.5, read.ElapsedSeconds);
        Assert.Equal(7, read.Config.Seed);
        Assert.Equal(0.5, read.Metrics.Validations[0].ThinkingAccuracy);
        Assert.Equal([1f, 2, 3, 4], read.Tensors["model.w"].Data);
        Assert.Equal([2L, 2], read.Tensors["model.w"].Shape);
    }

    [Fact]
    public void Only_the_two_newest_checkpoints_are_kept_and_no_temporary_file_remains()
    {
        using var run = new TinyRun();
        var store = new CheckpointStore(run.Directory, TextWriter.Null);
        foreach (var step in new[] { 1, 2, 3 }) store.Save(Sample(step));
        Assert.Equal([store.PathFor(3), store.PathFor(2)], store.List());
        Assert.Empty(Directory.GetFiles(run.Directory, "*.tmp"));
    }

    [Fact]
    public void A_flipped_byte_fails_the_checksum_and_the_older_checkpoint_is_used()
    {
        using var run = new TinyRun();
        var log = new StringWriter();
        var store = new CheckpointStore(run.Directory, log);
        store.Save(Sample(1));
        store.Save(Sample(2));
        var bytes = File.ReadAllBytes(store.PathFor(2));
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(store.PathFor(2), bytes);

        Assert.Equal(1, store.LoadLatest()!.Step);
        Assert.Contains("SHA-256 checksum mismatch; falling back to ckpt-0000001.bin", log.ToString());
        Assert.Throws<CorruptCheckpointException>(() => Checkpoint.Read(store.PathFor(2)));
    }

    [Fact]
    public void When_every_checkpoint_is_corrupt_resuming_stops_with_advice()
    {
        using var run = new TinyRun();
        var store = new CheckpointStore(run.Directory, TextWriter.Null);
        store.Save(Sample(1));
        File.WriteAllBytes(store.PathFor(1), [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(store.LoadLatest);
        Assert.Contains("every checkpoint", e.Message);
    }
}
