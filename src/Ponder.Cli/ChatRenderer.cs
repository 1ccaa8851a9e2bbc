using System.Globalization;
using Ponder.Reasoning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ponder.Cli;

/// <summary>Shows one chat turn as it streams: the thinking dimmed, then the answer, then token usage and time. In
/// Contemplating mode a live table of the sub-agents (tokens so far, confidence, state) and then the vote summary.
/// On a terminal it uses ANSI (Spectre.Console); when stdout is redirected it writes plain labelled lines instead:
/// "thinking: …", "answer: …", "agent 3: answered, …", "vote: …", "usage: …".</summary>
sealed class ChatRenderer(TextWriter output, bool ansi)
{
    static readonly Style Dim = new(decoration: Decoration.Dim);
    readonly IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ansi ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    /// <summary>ANSI only on a real terminal: not when stdout is redirected, TERM is dumb or NO_COLOR is set.</summary>
    public static bool TerminalSupportsAnsi() =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb")
        && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public bool Ansi => ansi;

    /// <summary>A dim side note (the start-up summary, REPL help).</summary>
    public void Note(string text)
    {
        if (ansi) console.Write(new Text(text + "\n", Dim));
        else output.WriteLine(text);
    }

    /// <summary>Renders the stream and returns its result. Cancellation ends the current line and rethrows.</summary>
    public async Task<ReasoningResult> RenderAsync(IAsyncEnumerable<ReasoningEvent> events, ReasoningMode mode)
    {
        var result = mode == ReasoningMode.Contemplating
            ? ansi ? await ContemplateLiveAsync(events) : await ContemplatePlainAsync(events)
            : await StreamAsync(events);
        Usage(result);
        return result;
    }

    // Instant and Thinking: one agent, deltas printed as they come.
    async Task<ReasoningResult> StreamAsync(IAsyncEnumerable<ReasoningEvent> events)
    {
        var phase = Phase.None;
        try
        {
            await foreach (var e in events)
            {
                switch (e)
                {
                    case ReasoningDelta d:
                        if (phase != Phase.Thinking) { phase = Phase.Thinking; Label("thinking: "); }
                        Write(d.Text, dim: true);
                        break;
                    case AnswerDelta a:
                        if (phase != Phase.Answer) { EndLine(phase); phase = Phase.Answer; Label("answer: "); }
                        Write(a.Text, dim: false);
                        break;
                    case ReasoningCompleted done:
                        if (phase != Phase.Answer) { EndLine(phase); Label("answer: "); }
                        output.WriteLine();
                        return done.Result;
                }
            }
        }
        finally { if (phase != Phase.None) output.Flush(); }
        throw new InvalidOperationException("the reasoning stream ended without a result.");
    }

    enum Phase { None, Thinking, Answer }

    void EndLine(Phase phase)
    {
        if (phase == Phase.None) return;
        output.WriteLine();
        if (ansi) output.WriteLine();
    }

    // On a terminal the text itself shows what it is (dim thought, plain answer); labels are for plain output.
    void Label(string label) { if (!ansi) output.Write(label); }

    void Write(string text, bool dim)
    {
        if (ansi && dim) console.Write(new Text(text, Dim));
        else output.Write(text);
        output.Flush();
    }

    async Task<ReasoningResult> ContemplatePlainAsync(IAsyncEnumerable<ReasoningEvent> events)
    {
        var states = new Dictionary<int, AgentState>();
        await foreach (var e in events)
        {
            if (e is AgentProgress p && p.State is not (AgentState.Thinking or AgentState.Answering)
                && states.GetValueOrDefault(p.Agent, AgentState.Thinking) != p.State)
            {
                states[p.Agent] = p.State;
                output.WriteLine($"agent {p.Agent}: {StateName(p.State)}, {p.Tokens} tokens, confidence {p.Confidence.ToString("F2", CultureInfo.InvariantCulture)}");
            }
            if (e is ReasoningCompleted done)
            {
                Vote(done.Result);
                output.WriteLine($"answer: {done.Result.Answer}");
                return done.Result;
            }
        }
        throw new InvalidOperationException("the reasoning stream ended without a result.");
    }

    async Task<ReasoningResult> ContemplateLiveAsync(IAsyncEnumerable<ReasoningEvent> events)
    {
        var board = new AgentBoard();
        ReasoningResult? result = null;
        await console.Live(board.Render()).AutoClear(false).StartAsync(async live =>
        {
            await foreach (var e in events)
            {
                if (e is AgentProgress p) board.Update(p);
                else if (e is ReasoningCompleted done) { result = done.Result; board.Finish(done.Result); }
                else continue;
                live.UpdateTarget(board.Render());
            }
        });
        if (result is null) throw new InvalidOperationException("the reasoning stream ended without a result.");
        Vote(result);
        if (result.Reasoning.Length > 0) console.Write(new Text(result.Reasoning.Trim() + "\n\n", Dim));
        output.WriteLine(result.Answer);
        return result;
    }

    void Vote(ReasoningResult result)
    {
        if (result.Contemplation is not { } c) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"vote: {c.AgentsRun} agents ran, {c.StoppedEarly} stopped early, {c.Agreed} agreed, winning share {c.WinningShare * 100:F0}%{(c.Refined ? ", refined" : "")}");
        if (ansi) console.Write(new Text(line + "\n", new Style(Color.Aqua)));
        else output.WriteLine(line);
    }

    void Usage(ReasoningResult r)
    {
        var u = r.Usage;
        var seconds = r.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? u.CompletionTokens / seconds : 0;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"usage: prompt {u.PromptTokens} tokens, reasoning {u.ReasoningTokens}, answer {u.AnswerTokens}{(u.InjectedTokens > 0 ? $" (+{u.InjectedTokens} inserted by Ponder)" : "")}; {seconds:F2} s, {rate:F1} tokens/s");
        if (ansi) console.Write(new Text(line + "\n", Dim));
        else output.WriteLine(line);
        output.Flush();
    }

    internal static string StateName(AgentState state) => state switch
    {
        AgentState.Thinking => "thinking",
        AgentState.Answering => "answering",
        AgentState.Done => "answered",
        AgentState.StoppedEarly => "stopped early",
        _ => "failed",
    };
}
