namespace Ponder.Server.Wire;

/// <summary>OpenAI's "stop" applied to the answer text as it streams. The reasoning layer has no stop strings, so the
/// server cuts the answer at the first one and withholds what follows (generation itself ends at its own limits).
/// Text that might begin a stop string is held until the next piece decides it, so no part of a stop string leaks.</summary>
public sealed class StopFilter(IReadOnlyList<string>? stops)
{
    string pending = "";

    public bool Stopped { get; private set; }

    public string Push(string piece)
    {
        if (Stopped) return "";
        if (stops is null || stops.Count == 0) return piece;
        pending += piece;
        var first = -1;
        foreach (var s in stops)
        {
            var at = pending.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first >= 0)
        {
            Stopped = true;
            var before = pending[..first];
            pending = "";
            return before;
        }
        var hold = 0;
        foreach (var s in stops)
            for (var len = Math.Min(s.Length - 1, pending.Length); len > hold; len--)
                if (pending.AsSpan(pending.Length - len).SequenceEqual(s.AsSpan(0, len))) { hold = len; break; }
        var release = pending[..^hold];
        pending = pending[^hold..];
        return release;
    }

    public string Flush()
    {
        var rest = Stopped ? "" : pending;
        pending = "";
        return rest;
    }

    public static (string Text, bool Stopped) Apply(string text, IReadOnlyList<string>? stops)
    {
        var f = new StopFilter(stops);
        var kept = f.Push(text) + f.Flush();
        return (kept, f.Stopped);
    }
}
