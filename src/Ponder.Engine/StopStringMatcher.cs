namespace Ponder.Engine;

/// <summary>Finds stop strings in streamed text. Text that might be the start of a stop string is held back until
/// the next piece decides it, so a stop string never reaches the caller, not even in part.</summary>
internal sealed class StopStringMatcher(IReadOnlyList<string> stops)
{
    string pending = "";

    /// <summary>Adds a decoded piece; returns the text that is now safe to release, and whether a stop string ended it.</summary>
    public (string Release, bool Stopped) Push(string piece)
    {
        pending += piece;
        var first = -1;
        foreach (var s in stops)
        {
            var at = pending.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first >= 0)
        {
            var before = pending[..first];
            pending = "";
            return (before, true);
        }
        var hold = 0;
        foreach (var s in stops)
            for (var len = Math.Min(s.Length - 1, pending.Length); len > hold; len--)
                if (pending.AsSpan(pending.Length - len).SequenceEqual(s.AsSpan(0, len))) { hold = len; break; }
        var release = pending[..^hold];
        pending = pending[^hold..];
        return (release, false);
    }

    /// <summary>Releases whatever is held (the sequence ended for another reason).</summary>
    public string Flush()
    {
        var rest = pending;
        pending = "";
        return rest;
    }
}
