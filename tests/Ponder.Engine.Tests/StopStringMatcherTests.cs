namespace Ponder.Engine.Tests;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void Text_that_may_start_a_stop_string_is_held_until_decided()
    {
        var m = new StopStringMatcher(["</answer>"]);
        Assert.Equal(("42 ", false), m.Push("42 </"));
        Assert.Equal(("", false), m.Push("ans"));
        Assert.Equal(("</ans and more", false), m.Push(" and more"));
        Assert.Equal(("x", true), m.Push("x</answer>y"));
    }

    [Fact]
    public void Held_text_is_released_when_the_sequence_ends_otherwise()
    {
        var m = new StopStringMatcher(["STOP"]);
        Assert.Equal(("a", false), m.Push("aST"));
        Assert.Equal("ST", m.Flush());
    }
}
