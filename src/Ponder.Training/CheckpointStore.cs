using System.Globalization;

namespace Ponder.Training;

/// <summary>The checkpoints of one run directory, named ckpt-STEP.bin. Each is written to a temporary file, flushed to
/// disk and renamed into place, so a kill at any moment leaves either the old set or the new one; the two newest are
/// kept so that one damaged file still leaves a good one to fall back to.</summary>
public sealed class CheckpointStore(string directory, TextWriter log)
{
    public const int Keep = 2;
    const string Prefix = "ckpt-", Extension = ".bin";

    public string Directory { get; } = directory;

    public string PathFor(int step) => Path.Combine(Directory, $"{Prefix}{step:D7}{Extension}");

    /// <summary>Checkpoint files, newest first.</summary>
    public IReadOnlyList<string> List() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, Prefix + "*" + Extension)
            .Select(p => (Path: p, Step: ParseStep(p))).Where(p => p.Step >= 0)
            .OrderByDescending(p => p.Step).Select(p => p.Path).ToList()
        : [];

    public void Save(Checkpoint checkpoint) => Save(checkpoint.Step, checkpoint.Write);

    /// <summary>Writes step <paramref name="step"/>'s checkpoint with <paramref name="write"/> (any stage's record in the
    /// <see cref="CheckpointFile"/> container), then deletes all but the <see cref="Keep"/> newest.</summary>
    public void Save(int step, Action<Stream> write)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.Write(PathFor(step), write);
        foreach (var old in List().Skip(Keep)) File.Delete(old);
    }

    /// <summary>The newest checkpoint that verifies, or null when there is none. Each one that fails its checksum is
    /// reported on the log, naming the one used instead.</summary>
    public Checkpoint? LoadLatest() => LoadLatest(Checkpoint.Read);

    /// <summary>Where a run starts. With <paramref name="resume"/>: the newest good checkpoint (read by
    /// <paramref name="read"/>, its step given by <paramref name="step"/>), or null when there is none — both said on
    /// the log, the latter as starting <paramref name="freshStart"/>. Without: null, and a directory that already holds
    /// checkpoints is refused rather than overwritten.</summary>
    public T? ForRun<T>(bool resume, Func<string, T> read, Func<T, int> step, string freshStart) where T : class
    {
        if (!resume)
        {
            if (List().Count > 0)
                throw new TrainConfigException($"{Directory} already holds checkpoints; pass --resume to continue that run, or choose another --out.");
            return null;
        }
        var checkpoint = LoadLatest(read);
        log.WriteLine(checkpoint is null ? $"no checkpoint in {Directory}; starting {freshStart}."
            : $"resuming from {Path.GetFileName(PathFor(step(checkpoint)))} (step {step(checkpoint)}).");
        return checkpoint;
    }

    /// <summary><see cref="LoadLatest()"/> for any stage's checkpoint record, read by <paramref name="read"/>.</summary>
    public T? LoadLatest<T>(Func<string, T> read) where T : class
    {
        var files = List();
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                return read(files[i]);
            }
            catch (Exception e) when (e is CorruptCheckpointException or EndOfStreamException or IOException or System.Text.Json.JsonException)
            {
                var next = i + 1 < files.Count ? $"falling back to {Path.GetFileName(files[i + 1])}" : "no older checkpoint is left";
                log.WriteLine($"warning: {e.Message.TrimEnd('.')}; {next}.");
            }
        }
        if (files.Count > 0)
            throw new InvalidDataException($"every checkpoint in {Directory} is corrupt; delete them to start again from scratch.");
        return null;
    }

    static int ParseStep(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : -1;
    }
}
