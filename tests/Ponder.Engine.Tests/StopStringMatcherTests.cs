namespace Ponder.Engine.Tests;

public sealed class StopStringMatcherTests
{
    static TokenEvent Token(int id) => new(id, "", 0, null);

    static (List<TokenEvent> Out, bool Stopped) Push(StopStringMatcher m, int id, string piece)
    {
        var output = new List<TokenEvent>();
        var stopped = m.Push(Token(id), piece, output);
        return (output, stopped);
    }

    static string Texts(List<TokenEvent> events) => string.Join("|", events.Select(e => $"{e.Token}:{e.Text}{(e.Withheld ? "!" : "")}"));

    [Fact]
    public void Events_whose_text_may_start_a_stop_string_are_held_until_decided()
    {
        var m = new StopStringMatcher(["</answer>"]);
        Assert.Equal("1:42 ", Texts(Push(m, 1, "42 ").Out));
        Assert.Equal("", Texts(Push(m, 2, "</").Out));
        Assert.Equal("", Texts(Push(m, 3, "ans").Out));
        var (released, stopped) = Push(m, 4, " and more");
        Assert.False(stopped);
        Assert.Equal("2:</|3:ans|4: and more", Texts(released)); // each event with its own text, none cut
    }

    [Fact]
    public void An_event_that_holds_text_before_a_possible_stop_waits_whole()
    {
        var m = new StopStringMatcher(["STOP"]);
        Assert.Equal("", Texts(Push(m, 1, "aST").Out)); // "a" is safe, but the event goes out with all its text or not at all
        var output = new List<TokenEvent>();
        m.Flush(output);
        Assert.Equal("1:aST", Texts(output));
    }

    [Fact]
    public void At_a_stop_string_earlier_text_is_released_and_tokens_inside_it_are_withheld()
    {
        var m = new StopStringMatcher(["END"]);
        Assert.Equal("1:ok", Texts(Push(m, 1, "ok").Out));
        Assert.Equal("", Texts(Push(m, 2, "xE").Out));
        Assert.Equal("", Texts(Push(m, 3, "N").Out));
        var (released, stopped) = Push(m, 4, "Dtail");
        Assert.True(stopped);
        Assert.Equal("2:x|3:!|4:!", Texts(released));
    }

    [Fact]
    public void Deferred_strings_match_only_text_after_arming()
    {
        var m = new StopStringMatcher(null);
        Assert.Equal("1:a#b", Texts(Push(m, 1, "a#b").Out)); // "#" is no stop yet
        m.Arm(["#"]);
        Assert.True(m.Armed);
        var (released, stopped) = Push(m, 2, "c#d");
        Assert.True(stopped);
        Assert.Equal("2:c", Texts(released));
    }

    [Fact]
    public void Arming_does_not_reach_back_into_held_text()
    {
        var m = new StopStringMatcher(["<|end|>"]);
        Assert.Equal("", Texts(Push(m, 1, "x<|").Out)); // held: could begin <|end|>
        m.Arm(["<|y"]);
        var (released, stopped) = Push(m, 2, "y");
        Assert.False(stopped); // "x<|y" holds "<|y", but its "<|" was pushed before arming
        Assert.Equal("1:x<||2:y", Texts(released));
    }
}
