using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Ponder.Engine;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning;

/// <summary>The three reasoning modes over one engine and one model-family profile. A CLI or HTTP server builds one
/// reasoner per model and calls, per request:
///   <see cref="StreamAsync"/> — events as they happen (reasoning and answer deltas, agent progress), then
///   <see cref="ReasoningCompleted"/> with the full <see cref="ReasoningResult"/>; or
///   <see cref="RunAsync"/> — the same, collected.
/// Validation happens when StreamAsync is called (before the first event), so a server can answer 400 before streaming.
/// Cancelling the token cancels every sequence of the request; the engine frees their cells at its next step.
/// Threading: reasoners are stateless between requests and safe to share; the engine batches all requests together.
/// Use: var reasoner = Reasoner.For(engine);   // profile from the GGUF's metadata
///      var result = await reasoner.RunAsync(ReasoningRequest.Ask("What is 12 × 7?", ReasoningMode.Contemplating));</summary>
public sealed class Reasoner
{
    readonly IGenerationEngine engine;
    readonly ProfileTokens markers;

    public Reasoner(IGenerationEngine engine, ModelProfile profile, ReasonerOptions? options = null)
    {
        this.engine = engine;
        Profile = profile;
        Options = options ?? new();
        markers = new ProfileTokens(engine, profile);
    }

    /// <summary>A reasoner for the embedded engine: the profile from the model's metadata unless <paramref name="profile"/>
    /// names one; at most MaxSequences − 1 agents (one sequence holds the shared prompt).</summary>
    public static Reasoner For(InferenceLoop engine, string? profile = null, ReasonerOptions? options = null) =>
        new(engine, ProfileResolver.Resolve(engine.Metadata, profile),
            (options ?? new()) with { MaxAgents = Math.Max(1, engine.Options.MaxSequences - 1) });

    public ModelProfile Profile { get; }
    public ReasonerOptions Options { get; }

    /// <summary>Throws for impossible parameters (naming the parameter and its valid range) and for a mode the profile
    /// cannot run (plain completion cannot think).</summary>
    public void Validate(ReasoningRequest request)
    {
        request.Validate(Options.MaxAgents);
        Profile.FormatPrompt(request.Messages, request.Mode != ReasoningMode.Instant);
    }

    public async Task<ReasoningResult> RunAsync(ReasoningRequest request, CancellationToken cancellationToken = default)
    {
        await foreach (var e in StreamAsync(request, cancellationToken))
            if (e is ReasoningCompleted done) return done.Result;
        throw new InvalidOperationException("the reasoning stream ended without a result.");
    }

    public IAsyncEnumerable<ReasoningEvent> StreamAsync(ReasoningRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return Stream(request, cancellationToken);
    }

    async IAsyncEnumerable<ReasoningEvent> Stream(ReasoningRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<ReasoningEvent>(new() { SingleReader = true });
        var run = Task.Run(async () =>
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var result = request.Mode switch
                {
                    ReasoningMode.Instant => await InstantAsync(request, channel.Writer, cancel.Token),
                    ReasoningMode.Thinking => await ThinkingAsync(request, channel.Writer, cancel.Token),
                    _ => await new Contemplation(engine, Profile, markers, Options, request, channel.Writer).RunAsync(cancel.Token),
                };
                channel.Writer.TryWrite(new ReasoningCompleted(result with { Elapsed = clock.Elapsed }));
            }
            finally { channel.Writer.TryComplete(); }
        }, CancellationToken.None);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None)) yield return e;
            await run; // rethrows the mode's failure or cancellation
        }
        finally
        {
            // The consumer stopped early or the run failed: cancel what is left and wait until the engine let go of it.
            cancel.Cancel();
            try { await run; } catch { /* already surfaced above, or the consumer left */ }
        }
    }

    async Task<ReasoningResult> InstantAsync(ReasoningRequest request, ChannelWriter<ReasoningEvent> events, CancellationToken ct)
    {
        var prompt = engine.Tokenize(Profile.FormatPrompt(request.Messages, thinking: false));
        var stream = engine.Generate(GenerationRequest.FromTokens(prompt, markers.ForAnswer(request.Sampling(0), request.MaxAnswerTokens, request.Stop)), ct);
        var logProbs = LogProbReader.For(engine, request);
        var text = new System.Text.StringBuilder();
        var answerLogProbs = new List<TokenLogProb>();
        var tokens = 0;
        var finish = FinishReason.Length;
        await foreach (var e in stream.Events.ReadAllAsync(CancellationToken.None))
        {
            if (e.Token is not null) tokens++;
            var lp = logProbs.Read(e);
            if (lp is not null) answerLogProbs.Add(lp);
            if (e.Text.Length > 0 || lp is not null) { text.Append(e.Text); events.TryWrite(new AnswerDelta(0, e.Text, lp is null ? null : [lp])); }
            if (e.Finish is { } f) finish = f;
            if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"the answer failed in the engine: {e.Error}");
        }
        ct.ThrowIfCancellationRequested();
        var usage = new ReasoningUsage(prompt.Length, 0, tokens, 0, [new AgentUsage(0, 0, tokens, 0)]);
        return new ReasoningResult(ReasoningMode.Instant, text.ToString(), "", finish, ThoughtEnd.None, usage, null, TimeSpan.Zero,
            logProbs.On ? answerLogProbs : null, logProbs.On ? [] : null);
    }

    async Task<ReasoningResult> ThinkingAsync(ReasoningRequest request, ChannelWriter<ReasoningEvent> events, CancellationToken ct)
    {
        var prompt = engine.Tokenize(Profile.FormatPrompt(request.Messages, thinking: true));
        var budget = request.ThinkingBudget ?? Options.MaxThinkingTokens;
        var sampling = request.Sampling(0);
        var (wrapUp, wrapUpText) = WrapUp(request);
        using var cancelSequence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sequence = budget == 0 ? null : engine.Generate(GenerationRequest.FromTokens(prompt,
            markers.ForThoughtAndAnswer(sampling, budget, request.MaxAnswerTokens, wrapUp, request.Stop)), cancelSequence.Token);
        var logProbs = LogProbReader.For(engine, request);
        var agent = new AgentRun(0, markers, wrapUp, wrapUpText, events, Options, request.MaxAnswerTokens, logProbs);
        // Only when the model ends its turn inside the thought (or the budget is 0) does the answer need a second sequence.
        var outcome = await agent.RunAsync(sequence, cancelSequence, continuation => engine.Generate(
            GenerationRequest.FromTokens([.. prompt, .. continuation], markers.ForAnswer(sampling, request.MaxAnswerTokens, request.Stop)), ct), ct);
        var usage = new ReasoningUsage(prompt.Length, outcome.ReasoningTokens, outcome.AnswerTokens, outcome.InjectedTokens, [outcome.Usage]);
        return new ReasoningResult(ReasoningMode.Thinking, outcome.Answer, outcome.Thought, outcome.AnswerFinish, outcome.ThoughtEnd,
            usage, null, TimeSpan.Zero, logProbs.On ? outcome.AnswerLogProbs : null, logProbs.On ? outcome.ThoughtLogProbs : null);
    }

    /// <summary>The wrap-up message as tokens (no BOS) and text; none when the request turns it off.</summary>
    internal (int[] Tokens, string Text) WrapUp(ReasoningRequest request) =>
        string.IsNullOrEmpty(request.WrapUp) ? ([], "") : (engine.Tokenize(request.WrapUp, addBos: false), request.WrapUp);
}
