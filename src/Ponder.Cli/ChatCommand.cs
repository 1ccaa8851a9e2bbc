using Ponder.Engine;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Cli;

/// <summary>`ponder chat`: talk to a model in one of the three reasoning modes. With a question it answers once and
/// exits; without one it is a REPL that keeps the conversation (each turn sees the earlier questions and answers).
/// The thinking streams dimmed, then the answer; every turn ends with its token usage (prompt, reasoning, answer) and
/// time. Contemplating shows its sub-agents live, then the vote. Ctrl-C cancels the running turn, not the process;
/// end of input (Ctrl-D) or /exit quits. Impossible options fail before the model loads, naming the option.
/// Simplification: the engine is sized once at start (--context cells, 63 sub-agents at most); a REPL turn that no
/// longer fits says which option to change.
/// Run: ./ponder chat "What is 347 + 589?" --mode contemplating --agents 8 --model models/ponder.gguf
///      ./ponder chat --model any-llama.gguf            (REPL; /help lists its commands)</summary>
static class ChatCommand
{
    const string ReplHelp = """
        commands: /mode instant|thinking|contemplating   /agents N   /budget N|auto   /reset (forget the conversation)
                  /history   /help   /exit (or Ctrl-D); Ctrl-C cancels the answer being written
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CliOptions.Parse(args, ChatConfig.Options);
        var config = ChatConfig.Parse(options);
        var question = options.Positional.Count > 0 ? string.Join(' ', options.Positional) : null;
        var path = config.ModelPath ?? DefaultModel.Resolve();
        if (Directory.Exists(path) || !File.Exists(path))
            throw new CliUsageException($"--model: {path} does not exist or is not a file; pass a GGUF model file.");

        await using var engine = StartEngine(path, config);
        var reasoner = Reasoner.For(engine, config.Profile);
        var session = new ChatSession(engine, reasoner, config.Context);
        var renderer = new ChatRenderer(Console.Out, ChatRenderer.TerminalSupportsAnsi());
        using var interrupt = new TurnInterrupt();
        renderer.Note($"ponder chat: {Path.GetFileName(path)}, profile {reasoner.Profile.Name}, {config with { Mode = session.ModeFor(config) }}");

        if (question is not null)
        {
            try
            {
                await session.AskAsync(question, config, renderer, interrupt.BeginTurn());
                return 0;
            }
            catch (OperationCanceledException) when (interrupt.Cancelled)
            {
                return Fail("cancelled.", exitCode: 130);
            }
            catch (Exception e) when (IsTurnError(e))
            {
                return Fail(OneLine(e));
            }
        }
        return await ReplAsync(session, config, renderer, interrupt);
    }

    static InferenceLoop StartEngine(string path, ChatConfig config)
    {
        try
        {
            return InferenceLoop.Start(new EngineOptions(path, ContextSize: config.Context, MaxSequences: ChatConfig.MaxSequences));
        }
        catch (EngineLoadException e) { throw new CliUsageException(e.Message); }
        catch (ArgumentOutOfRangeException e) { throw new CliUsageException(OneLine(e)); }
    }

    static async Task<int> ReplAsync(ChatSession session, ChatConfig config, ChatRenderer renderer, TurnInterrupt interrupt)
    {
        var interactive = !Console.IsInputRedirected;
        if (interactive) renderer.Note(ReplHelp);
        while (true)
        {
            if (interactive) { Console.Out.Write($"{session.ModeFor(config).ToString().ToLowerInvariant()}> "); Console.Out.Flush(); }
            var line = Console.In.ReadLine();
            if (line is null)
            {
                if (interactive) Console.Out.WriteLine();
                return 0;
            }
            line = line.Trim();
            if (line.Length == 0) continue;
            try
            {
                if (line.StartsWith('/'))
                {
                    if (Command(line, ref config, session, renderer) is false) return 0;
                    continue;
                }
                await session.AskAsync(line, config, renderer, interrupt.BeginTurn());
            }
            catch (OperationCanceledException) when (interrupt.Cancelled)
            {
                Console.Out.WriteLine();
                Console.Error.WriteLine("ponder: cancelled; the conversation is as it was before this question.");
            }
            catch (Exception e) when (IsTurnError(e))
            {
                Console.Out.Flush();
                Console.Error.WriteLine($"ponder: {OneLine(e)}");
            }
        }
    }

    /// <summary>A slash command; false means quit.</summary>
    static bool Command(string line, ref ChatConfig config, ChatSession session, ChatRenderer renderer)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1] : null;
        switch (parts[0])
        {
            case "/exit" or "/quit":
                return false;
            case "/help":
                renderer.Note(ReplHelp);
                break;
            case "/reset":
                session.Reset();
                renderer.Note("conversation forgotten.");
                break;
            case "/history":
                foreach (var m in session.History) renderer.Note($"{m.Role.ToString().ToLowerInvariant()}: {m.Content}");
                if (session.History.Count == 0) renderer.Note("(no conversation yet)");
                break;
            case "/mode":
                config = config with { Mode = ChatConfig.ParseMode(argument ?? "") };
                renderer.Note($"mode {session.ModeFor(config).ToString().ToLowerInvariant()}");
                break;
            case "/agents":
                config = config with { Agents = CliOptions.Parse(["--agents", argument ?? ""], ["--agents"]).Int("--agents", 8, 1, ChatConfig.MaxAgents) };
                renderer.Note($"agents {config.Agents}");
                break;
            case "/budget":
                config = config with { ThinkBudget = argument is "auto" ? null : CliOptions.Parse(["--think-budget", argument ?? ""], ["--think-budget"]).Int("--think-budget", 0, 0, 1 << 20) };
                renderer.Note($"think budget {config.ThinkBudget?.ToString() ?? "auto"}");
                break;
            default:
                throw new CliUsageException($"unknown command '{parts[0]}'; /help lists the commands.");
        }
        return true;
    }

    static bool IsTurnError(Exception e) => e is CliUsageException or ArgumentException or PromptTooLongException
        or EngineOverCapacityException or ReasoningModeNotSupportedException or InvalidOperationException;

    /// <summary>An exception as one line, with the reasoning layer's parameter names turned into this command's options.</summary>
    internal static string OneLine(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name } && message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal) is var at and >= 0)
            message = message[..at];
        message = message.Split('\n')[0].Trim();
        foreach (var (param, option) in OptionNames)
            if (message.StartsWith(param + " ", StringComparison.Ordinal)) return option + message[param.Length..];
        return message;
    }

    static readonly (string Param, string Option)[] OptionNames =
    [
        ("Agents", "--agents"), ("ThinkingBudget", "--think-budget"), ("Temperature", "--temperature"), ("TopP", "--top-p"),
        ("MaxAnswerTokens", "--max-tokens"), ("ContextSize", "--context"),
    ];

    static int Fail(string message, int exitCode = 1)
    {
        Console.Error.WriteLine($"ponder: {message}");
        return exitCode;
    }
}
