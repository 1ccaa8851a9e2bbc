namespace Ponder.Engine.Tests;

/// <summary>Stop strings in the engine: generation ends where one begins, and deferred ones wait for their arming point.
/// Each test reads a greedy run of the random model first and picks its stop strings from what that run wrote.</summary>
public sealed class StopStringTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const string Prompt = "Once upon a time";

    /// <summary>Where each token's text ends in a run without stop strings (every event carries its own piece there).</summary>
    static int[] Ends(GenerationResult run)
    {
        var ends = new int[run.Events.Count];
        for (int i = 0, at = 0; i < ends.Length; i++) ends[i] = at += run.Events[i].Text.Length;
        return ends;
    }

    [Fact]
    public async Task A_stop_string_ends_generation_at_the_token_that_completes_it()
    {
        await using var engine = TestModels.Start("random");
        var full = await engine.Generate(GenerationRequest.FromText(Prompt, TestModels.Greedy(40)), Ct).CollectAsync(Ct);
        var text = full.Text;
        var ends = Ends(full);
        var stop = text.Substring(text.Length / 2, 2);
        var at = text.IndexOf(stop, StringComparison.Ordinal);
        var completing = Array.FindIndex(ends, e => e >= at + stop.Length);

        var cut = await engine.Generate(GenerationRequest.FromText(Prompt, TestModels.Greedy(40) with { Stop = [stop] }), Ct).CollectAsync(Ct);
        Assert.Equal(FinishReason.Stop, cut.Finish);
        Assert.Equal(text[..at], cut.Text);
        Assert.Equal(full.Tokens.Take(completing + 1), cut.Tokens); // no token sampled past the stop string
        // Each event carries its own token's text up to the stop string; tokens whose text starts inside it are withheld.
        for (var i = 0; i <= completing; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            var e = cut.Events[i];
            Assert.Equal(start >= at, e.Withheld);
            Assert.Equal(start >= at ? "" : text[start..Math.Min(ends[i], at)], e.Text);
        }
        Assert.Equal(0, engine.Stats.ReservedCells);
    }

    [Fact]
    public async Task Deferred_stop_strings_ignore_text_before_their_arm_token()
    {
        await using var engine = TestModels.Start("random");
        var full = await engine.Generate(GenerationRequest.FromText(Prompt, TestModels.Greedy(48)), Ct).CollectAsync(Ct);
        var text = full.Text;
        var ends = Ends(full);
        var tokens = full.Tokens.ToList();
        // An arm token that first appears at k, and a stop string that occurs both before and after it.
        var pick = (from k in Enumerable.Range(3, tokens.Count - 6)
                    where tokens.IndexOf(tokens[k]) == k
                    from start in Enumerable.Range(0, Math.Max(0, ends[k - 1] - 1))
                    let stop = text.Substring(start, 2)
                    where stop.Trim().Length == 2 && text.IndexOf(stop, ends[k], StringComparison.Ordinal) >= 0
                    select (k, stop)).FirstOrDefault();
        Assert.True(pick.stop is not null, $"no stop string occurs before and after an arm token in \"{text}\"");
        var (arm, stopString) = pick;

        var result = await engine.Generate(GenerationRequest.FromText(Prompt, TestModels.Greedy(48) with
            { Deferred = new DeferredStop([stopString], [tokens[arm]]) }), Ct).CollectAsync(Ct);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Contains(stopString, text[..ends[arm - 1]]); // it was there before the arm token, and did not stop
        Assert.Equal(text[..text.IndexOf(stopString, ends[arm], StringComparison.Ordinal)], result.Text);
    }

    [Fact]
    public async Task Forced_tokens_arm_deferred_stop_strings()
    {
        await using var engine = TestModels.Start("random");
        var prompt = engine.Tokenize(Prompt);
        var force = new ForcedTokens(12, engine.Tokenize("xyz", addBos: false));
        var free = await engine.Generate(GenerationRequest.FromTokens(prompt, TestModels.Greedy(40) with { Force = force }), Ct).CollectAsync(Ct);
        var before = string.Concat(free.Events.TakeWhile(e => !e.Forced).Select(e => e.Text));
        var forcedText = string.Concat(free.Events.Where(e => e.Forced).Select(e => e.Text));
        var after = string.Concat(free.Events.SkipWhile(e => !e.Forced).Where(e => !e.Forced).Select(e => e.Text));
        var stop = Enumerable.Range(0, before.Length - 1).Select(i => before.Substring(i, 2))
            .FirstOrDefault(s => s.Trim().Length == 2 && after.Contains(s, StringComparison.Ordinal));
        Assert.True(stop is not null, $"no stop string in both \"{before}\" and \"{after}\"");

        var result = await engine.Generate(GenerationRequest.FromTokens(prompt, TestModels.Greedy(40) with
            { Force = force, Deferred = new DeferredStop([stop], []) }), Ct).CollectAsync(Ct);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Equal(before + forcedText + after[..after.IndexOf(stop, StringComparison.Ordinal)], result.Text);
    }

    [Fact]
    public async Task Token_bytes_spell_the_generated_text()
    {
        await using var engine = TestModels.Start("random");
        var run = await engine.Generate(GenerationRequest.FromText(Prompt, TestModels.Greedy(40)), Ct).CollectAsync(Ct);
        // Control tokens (<unk>, <s>, </s>) render as their names in TokenBytes and as nothing in the text.
        var bytes = run.Tokens.Where(t => t >= 3).SelectMany(engine.TokenBytes).ToArray();
        Assert.Equal(run.Text, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("</s>"u8.ToArray(), engine.TokenBytes(2));
    }
}
