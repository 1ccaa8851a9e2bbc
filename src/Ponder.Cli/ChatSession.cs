using Ponder.Engine;
using Ponder.Reasoning;
using Ponder.Reasoning.Profiles;

namespace Ponder.Cli;

/// <summary>One conversation with one loaded model: the history (user questions and the model's answers; thoughts
/// are not replayed) and the turn that sends it. Before a turn reaches the engine the session checks that it fits
/// the context — the prompt itself, and the thinking budget times the agents plus their answers — and says which
/// option to change when it does not, instead of waiting for KV cells that can never come free.</summary>
sealed class ChatSession(IGenerationEngine engine, Reasoner reasoner, int contextSize)
{
    // Contemplating's anchor holds the prompt and decodes beside the agents (budget + 64 cells); each agent's answer
    // continues its thought after a close marker and wrap-up message, for which this many cells are kept aside.
    const int AnchorSlack = 64, MarkerSlack = 32;

    readonly List<ChatMessage> history = [];

    public IReadOnlyList<ChatMessage> History => history;
    public ModelProfile Profile => reasoner.Profile;

    public void Reset() => history.Clear();

    /// <summary>The mode a turn runs in: the configured one, else thinking where the family can think, else instant.</summary>
    public ReasoningMode ModeFor(ChatConfig config) =>
        config.Mode ?? (reasoner.Profile.SupportsThinking ? ReasoningMode.Thinking : ReasoningMode.Instant);

    /// <summary>Runs one turn through <paramref name="renderer"/>; on success the exchange joins the history.</summary>
    public async Task<ReasoningResult> AskAsync(string question, ChatConfig config, ChatRenderer renderer, CancellationToken cancellationToken)
    {
        var request = Request(question, config);
        var result = await renderer.RenderAsync(reasoner.StreamAsync(request, cancellationToken), request.Mode);
        history.Add(ChatMessage.User(question));
        history.Add(ChatMessage.Assistant(result.Answer.Trim()));
        return result;
    }

    /// <summary>The request for the next turn, with its thinking budget fitted to the context.</summary>
    public ReasoningRequest Request(string question, ChatConfig config)
    {
        var mode = ModeFor(config);
        List<ChatMessage> messages = [.. history, ChatMessage.User(question)];
        var promptTokens = engine.Tokenize(reasoner.Profile.FormatPrompt(messages, mode != ReasoningMode.Instant)).Length;
        var turns = history.Count > 0 ? $" (with {history.Count / 2} earlier exchange{(history.Count == 2 ? "" : "s")}; /reset starts afresh)" : "";
        if (promptTokens >= contextSize)
            throw new CliUsageException($"the prompt is {promptTokens} tokens{turns} but --context is {contextSize}; shorten the question or raise --context.");

        var agents = mode == ReasoningMode.Contemplating ? config.Agents : 1;
        var free = contextSize - promptTokens;
        // Cells a budget needs: Thinking re-prefills prompt + thought for its answer; Contemplating runs an anchor beside N agents.
        int Needed(int budget) => mode switch
        {
            ReasoningMode.Instant => config.MaxTokens,
            ReasoningMode.Thinking => budget + MarkerSlack + config.MaxTokens,
            _ => budget + AnchorSlack + agents * (budget + MarkerSlack + config.MaxTokens),
        };
        var largest = mode switch
        {
            ReasoningMode.Instant => 0,
            ReasoningMode.Thinking => free - MarkerSlack - config.MaxTokens,
            _ => (free - AnchorSlack - agents * (MarkerSlack + config.MaxTokens)) / (agents + 1),
        };
        int? budget = null;
        if (mode != ReasoningMode.Instant)
        {
            budget = config.ThinkBudget ?? Math.Min(ChatConfig.DefaultThinkBudget, largest);
            if (budget < 0 || Needed(budget.Value) > free)
            {
                var what = config.ThinkBudget is null ? "there is no room to think" : $"--think-budget {config.ThinkBudget} does not fit";
                var setting = mode == ReasoningMode.Contemplating ? $"{agents} agents with --max-tokens {config.MaxTokens}" : $"--max-tokens {config.MaxTokens}";
                var advice = largest >= 0 ? $"use --think-budget {largest} or less, or raise --context" : "raise --context, or lower --max-tokens" + (agents > 1 ? " or --agents" : "");
                throw new CliUsageException($"{what}: the prompt is {promptTokens} tokens{turns} and {setting} leaves {Math.Max(0, largest)} of --context {contextSize} for thinking; {advice}.");
            }
        }
        else if (config.MaxTokens > free)
            throw new CliUsageException($"the prompt is {promptTokens} tokens{turns} and --max-tokens is {config.MaxTokens}, more than --context {contextSize} holds; lower --max-tokens or raise --context.");

        return new ReasoningRequest(messages, mode, budget, Agents: agents,
            Temperature: (float)config.Temperature, TopP: (float)config.TopP, Seed: config.Seed, MaxAnswerTokens: config.MaxTokens);
    }
}
