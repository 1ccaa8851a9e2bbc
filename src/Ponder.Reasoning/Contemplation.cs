using System.Threading.Channels;
using Ponder.Engine;
using Ponder.Reasoning.Answers;
using Ponder.Reasoning.Confidence;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning;

/// <summary>Contemplating: fork, think, weigh, refine (DESIGN decision 3).
/// 1. The prompt is decoded once, by a short-lived anchor sequence; every agent forks from it (its first token sampled
///    from the prompt's logits with the agent's own seed) and thinks and answers in that one sequence — at the budget the
///    engine forces the wrap-up and close marker (see <see cref="AgentRun"/>), so no agent decodes the prompt or its
///    thought again. Forks queued for a slot keep the prompt's cells after the anchor ends (the engine's holder slot).
/// 2. Agents think with top-k log-probabilities; DeepConf confidence is tracked online; with EarlyStop the first
///    WarmupTraces finished thoughts set a threshold and running thoughts whose window mean falls below it are cancelled
///    (they do not vote).
/// 3. Answers are extracted and normalised (<see cref="AnswerNormalizer"/>) and combined by confidence-weighted vote.
/// 4. With Refine, when no two agents agree, the model is shown the strongest candidates and writes the final answer.
/// Streaming: each agent's thought and answer deltas as they come (tagged with the agent), progress every few tokens;
/// then the chosen thought (Agent null) and the final answer (Agent null) — the voted one at once, a refinement as written.
/// Stop strings end each agent's answer (and the refinement) in the engine; the final answer is one of those.</summary>
internal sealed class Contemplation(IGenerationEngine engine, ModelProfile profile, ProfileTokens markers, ReasonerOptions options,
    ReasoningRequest request, ChannelWriter<ReasoningEvent> events)
{
    readonly LogProbReader logProbs = LogProbReader.For(engine, request);

    public async Task<ReasoningResult> RunAsync(CancellationToken ct)
    {
        var prompt = engine.Tokenize(profile.FormatPrompt(request.Messages, thinking: true));
        var budget = request.ThinkingBudget ?? options.MaxThinkingTokens;
        var n = request.Agents;
        var window = options.WindowFor(budget);
        var gate = request.EarlyStop && n > options.WarmupTraces ? new EarlyStopGate(Math.Min(options.WarmupTraces, n), options.EarlyStopPercentile) : null;
        var wrapUp = string.IsNullOrEmpty(request.WrapUp) ? [] : engine.Tokenize(request.WrapUp, addBos: false);

        // The anchor decodes the prompt and samples a few tokens nobody reads: it must still be live when the forks are
        // requested (a moment later, on this thread), and need not live longer.
        using var anchorCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var anchor = engine.Generate(GenerationRequest.FromTokens(prompt, new SamplingOptions(Temperature: 0, MaxTokens: 4, IgnoreEos: true)), anchorCancel.Token);
        var anchorDrained = Task.Run(async () => { await foreach (var _ in anchor.Events.ReadAllAsync(CancellationToken.None)) { } }, CancellationToken.None);
        var cancels = Enumerable.Range(0, n).Select(_ => CancellationTokenSource.CreateLinkedTokenSource(ct)).ToArray();
        try
        {
            var sequences = Enumerable.Range(0, n).Select(i => budget == 0 ? null : Start(i)).ToArray();
            var outcomes = await Task.WhenAll(Enumerable.Range(0, n).Select(i => RunAgent(i, sequences[i])));
            ct.ThrowIfCancellationRequested();
            return await Decide(prompt.Length, outcomes, gate?.Threshold, ct);
        }
        finally
        {
            anchorCancel.Cancel();
            // Its tokens are discarded as they come; once read to the end, the engine has released the anchor's cells.
            try { await anchorDrained; } catch (Exception e) when (e is not OutOfMemoryException) { /* the anchor never started: nothing to free */ }
            foreach (var c in cancels) c.Dispose();
        }

        GenerationStream? Start(int i)
        {
            var sampling = markers.ForThoughtAndAnswer(Sampling(i), budget, request.MaxAnswerTokens, wrapUp, request.Stop);
            try { return engine.Generate(GenerationRequest.Fork(anchor.Id, sampling), cancels[i].Token); }
            catch (InvalidOperationException) // the anchor ended already (a slow caller): decode the prompt for this agent
            { return engine.Generate(GenerationRequest.FromTokens(prompt, sampling), cancels[i].Token); }
        }

        async Task<AgentOutcome> RunAgent(int i, GenerationStream? sequence)
        {
            var agent = new AgentRun(i, markers, wrapUp, request.WrapUp ?? "", events, options, request.MaxAnswerTokens, logProbs,
                new ConfidenceTracker(window), gate);
            try
            {
                // Only an agent that ended its turn inside its thought (or a zero budget) needs a second sequence.
                return await agent.RunAsync(sequence, cancels[i], continuation => engine.Generate(GenerationRequest.FromTokens(
                    [.. prompt, .. continuation], markers.ForAnswer(Sampling(i), request.MaxAnswerTokens, request.Stop)), ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                events.TryWrite(new AgentProgress(i, 0, 0, AgentState.Failed));
                return new AgentOutcome(i, "", 0, ThoughtEnd.None, 0, "", 0, FinishReason.Error, 0, e.Message);
            }
        }

        // Agents always sample with top-k log-probabilities, for their confidence; a request may ask for more
        SamplingOptions Sampling(int i)
        {
            var s = request.Sampling(i);
            return s with { TopLogProbs = Math.Max(s.TopLogProbs, options.TopLogProbs) };
        }
    }

    async Task<ReasoningResult> Decide(int promptTokens, AgentOutcome[] outcomes, double? threshold, CancellationToken ct)
    {
        var summaries = outcomes.Select(o =>
        {
            var extracted = o.Answered ? AnswerNormalizer.Extract(o.Answer, profile.AnswerMarkers) : "";
            return new AgentSummary(o.Agent, extracted, AnswerNormalizer.Normalize(extracted), o.Confidence,
                o.ReasoningTokens, o.AnswerTokens, o.ThoughtEnd, o.AnswerFinish);
        }).ToList();
        var vote = WeightedVote.Decide(summaries.Where(s => outcomes[s.Agent].Answered)
            .Select(s => new VoteCandidate(s.Agent, s.Answer, s.NormalizedAnswer, s.Confidence)));
        if (outcomes.All(o => o.Error is not null))
            throw new InvalidOperationException($"every agent failed; the first: {outcomes[0].Error}");

        var winner = vote is null ? outcomes.Where(o => o.Answered).MaxBy(o => o.Confidence) : outcomes[vote.WinnerAgent];
        var answer = winner?.Answer.Trim() ?? "";
        var answerLogProbs = winner?.AnswerLogProbs ?? [];
        var finish = winner?.AnswerFinish ?? FinishReason.Stop;
        // The chosen thought goes out now, before the final answer, which may still take a refinement pass.
        if (winner is not null && (winner.Thought.Length > 0 || winner.ThoughtLogProbs.Count > 0))
            events.TryWrite(new ReasoningDelta(null, winner.Thought, logProbs.On ? winner.ThoughtLogProbs : null));
        var refinePrompt = 0;
        var refineTokens = 0;
        var refined = false;
        // A vote decides when some answer has a second voice; when every answering agent said something different
        // (free-form answers, or a hard question), let the model read the strongest candidates and decide.
        if (request.Refine && vote is not null && vote.Groups.Count >= 2 && vote.Agreed < 2)
        {
            var best = vote.Groups.Take(options.RefineCandidates).Select(g => outcomes[g.Members[0].Agent]).ToList();
            var messages = Refinement.Messages(request.Messages, best, options.SummaryChars);
            var tokens = engine.Tokenize(profile.FormatPrompt(messages, thinking: false));
            refinePrompt = tokens.Length;
            var stream = engine.Generate(GenerationRequest.FromTokens(tokens, markers.ForAnswer(request.Sampling(request.Agents), request.MaxAnswerTokens, request.Stop)), ct);
            var text = new System.Text.StringBuilder();
            var refinedLogProbs = new List<TokenLogProb>();
            await foreach (var e in stream.Events.ReadAllAsync(CancellationToken.None))
            {
                if (e.Token is not null) refineTokens++;
                var lp = logProbs.Read(e);
                if (lp is not null) refinedLogProbs.Add(lp);
                // Streamed as produced; the final answer is this text trimmed
                if (e.Text.Length > 0 || lp is not null) { text.Append(e.Text); events.TryWrite(new AnswerDelta(null, e.Text, lp is null ? null : [lp])); }
                if (e.Finish is { } f) finish = f;
                if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"the refinement failed in the engine: {e.Error}");
            }
            ct.ThrowIfCancellationRequested();
            answer = text.ToString().Trim();
            answerLogProbs = refinedLogProbs;
            refined = true;
        }
        else if (answer.Length > 0 || answerLogProbs.Count > 0) events.TryWrite(new AnswerDelta(null, answer, logProbs.On ? answerLogProbs : null));

        var usage = new ReasoningUsage(promptTokens + refinePrompt, outcomes.Sum(o => o.ReasoningTokens),
            outcomes.Sum(o => o.AnswerTokens) + refineTokens, outcomes.Sum(o => o.InjectedTokens), outcomes.Select(o => o.Usage).ToList());
        var summary = new ContemplationSummary(outcomes.Length, outcomes.Count(o => o.ThoughtEnd == ThoughtEnd.StoppedEarly),
            vote?.Agreed ?? 0, vote?.Share ?? 0, refined, threshold, summaries);
        return new ReasoningResult(ReasoningMode.Contemplating, answer, winner?.Thought ?? "", finish,
            winner?.ThoughtEnd ?? ThoughtEnd.None, usage, summary, TimeSpan.Zero,
            logProbs.On ? answerLogProbs : null, logProbs.On ? winner?.ThoughtLogProbs ?? [] : null);
    }
}
