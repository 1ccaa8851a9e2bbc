using System.Text;
using System.Text.Json;

namespace Ponder.Eval;

/// <summary>items.jsonl: one <see cref="ItemRecord"/> a line, appended and flushed to disk as each item finishes, so a
/// killed run loses at most the line it was writing. <see cref="Open"/> reads what is there, cuts a torn last line (a
/// write the kill interrupted: no newline, or not JSON), and the run skips every (cell, index) already present.
/// A line that is not JSON in the middle of the file is not a torn write; it is refused, naming its line number.</summary>
public sealed class ItemLog : IDisposable
{
    readonly FileStream stream;
    readonly Lock gate = new();
    readonly HashSet<(string Cell, int Index)> done = [];
    readonly List<ItemRecord> records = [];

    ItemLog(FileStream stream) => this.stream = stream;

    public string Path => stream.Name;
    public IReadOnlyList<ItemRecord> Records { get { lock (gate) return records.ToList(); } }
    /// <summary>Bytes cut from the end of the file when it was opened (a torn last line); 0 for a clean file.</summary>
    public long TruncatedBytes { get; private set; }

    public bool IsDone(string cell, int index) { lock (gate) return done.Contains((cell, index)); }

    public static ItemLog Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var log = new ItemLog(stream);
        try { log.Load(); }
        catch { stream.Dispose(); throw; }
        return log;
    }

    void Load()
    {
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        long good = 0; // end of the last complete, parsed line
        var line = 1;
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var end = newline < 0 ? bytes.Length : newline;
            var text = Encoding.UTF8.GetString(bytes, start, end - start).Trim();
            var last = newline < 0 || newline == bytes.Length - 1;
            ItemRecord? record = null;
            if (text.Length > 0)
            {
                try { record = JsonSerializer.Deserialize<ItemRecord>(text, ItemRecord.Json); }
                catch (JsonException) when (last) { }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{stream.Name} line {line} is not an item record ({e.Message}); the file was edited or corrupted. Move it away to start over.");
                }
                if (record is null || newline < 0) break; // torn: the kill came mid-write
                if (done.Add((record.Cell, record.Index))) records.Add(record);
            }
            good = end + 1;
            start = end + 1;
            line++;
        }
        if (good < bytes.Length)
        {
            TruncatedBytes = bytes.Length - good;
            stream.SetLength(good);
        }
        stream.Seek(0, SeekOrigin.End);
    }

    /// <summary>Appends one record and flushes it through to the disk; a record already present is not written twice.</summary>
    public bool Append(ItemRecord record)
    {
        var bytes = Encoding.UTF8.GetBytes(record.ToJsonLine() + "\n");
        lock (gate)
        {
            if (!done.Add((record.Cell, record.Index))) return false;
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            records.Add(record);
            return true;
        }
    }

    public void Dispose() => stream.Dispose();
}
