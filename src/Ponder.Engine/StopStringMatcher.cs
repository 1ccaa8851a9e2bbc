namespace Ponder.Engine;

/// <summary>Finds stop strings in a sequence's text as it streams, holding back the token events whose text might be
/// the start of one until later pieces decide it. An event is released whole — its token with all of its text — or not
/// yet, so no part of a stop string ever reaches the caller, neither as text nor as the token of a log-probability.
/// When a stop string is found, the events before it are released with their text up to it, and the events whose text
/// lies entirely in or after it are released <see cref="TokenEvent.Withheld"/>, without text: they were sampled and
/// count, but none of their text is the caller's. Deferred strings (<see cref="Arm"/>) only match text pushed after
/// arming, so a stop string can end an answer without ending the thought that came before it.</summary>
internal sealed class StopStringMatcher(IReadOnlyList<string>? stops)
{
    readonly IReadOnlyList<string> always = stops ?? [];
    readonly List<(TokenEvent Event, int Length)> held = []; // their pieces, in order, make up `pending`
    IReadOnlyList<string> deferred = [];
    int deferredFrom;   // where in `pending` deferred strings may start
    string pending = "";

    public bool Armed { get; private set; }

    /// <summary>From now on the <paramref name="strings"/> stop the text too, from the next piece on.</summary>
    public void Arm(IReadOnlyList<string> strings)
    {
        deferred = strings;
        deferredFrom = pending.Length;
        Armed = true;
    }

    /// <summary>Adds a token's event (its Text is ignored) with the text it decoded to; appends the events now decided to
    /// <paramref name="output"/>, each with its text. Returns whether a stop string ended the text.</summary>
    public bool Push(TokenEvent e, string piece, List<TokenEvent> output)
    {
        held.Add((e, piece.Length));
        pending += piece;

        var first = -1;
        foreach (var s in always) first = Earliest(first, pending.IndexOf(s, StringComparison.Ordinal));
        if (deferredFrom <= pending.Length)
            foreach (var s in deferred) first = Earliest(first, pending.IndexOf(s, deferredFrom, StringComparison.Ordinal));
        if (first >= 0)
        {
            var start = 0;
            foreach (var (ev, length) in held)
            {
                output.Add(start < first
                    ? ev with { Text = pending[start..Math.Min(start + length, first)] }
                    : ev with { Text = "", Withheld = true });
                start += length;
            }
            held.Clear();
            pending = "";
            return true;
        }

        // Hold the longest tail that a stop string could still begin with; release the events that end before it.
        var hold = 0;
        foreach (var s in always) hold = Math.Max(hold, Overlap(s, pending.Length));
        foreach (var s in deferred) hold = Math.Max(hold, Overlap(s, pending.Length - deferredFrom));
        var released = 0;
        var count = 0;
        while (count < held.Count && released + held[count].Length <= pending.Length - hold)
        {
            output.Add(held[count].Event with { Text = pending.Substring(released, held[count].Length) });
            released += held[count].Length;
            count++;
        }
        held.RemoveRange(0, count);
        pending = pending[released..];
        deferredFrom = Math.Max(0, deferredFrom - released);
        return false;
    }

    /// <summary>Releases every held event with its text (the sequence ended for another reason, or its text is over).</summary>
    public void Flush(List<TokenEvent> output)
    {
        var start = 0;
        foreach (var (ev, length) in held)
        {
            output.Add(ev with { Text = pending.Substring(start, length) });
            start += length;
        }
        held.Clear();
        pending = "";
        deferredFrom = 0;
    }

    static int Earliest(int best, int at) => at >= 0 && (best < 0 || at < best) ? at : best;

    /// <summary>The longest proper prefix of <paramref name="stop"/> that the pending text ends with, at most <paramref name="room"/> long.</summary>
    int Overlap(string stop, int room)
    {
        for (var len = Math.Min(stop.Length - 1, room); len > 0; len--)
            if (pending.AsSpan(pending.Length - len).SequenceEqual(stop.AsSpan(0, len))) return len;
        return 0;
    }
}
