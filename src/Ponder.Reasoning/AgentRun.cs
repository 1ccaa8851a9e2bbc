using System.Text;
using System.Threading.Channels;
using Ponder.Engine;
using Ponder.Reasoning.Confidence;

namespace Ponder.Reasoning;

/// <summary>One agent's think-then-answer, shared by Thinking (one agent) and Contemplating (N).
/// Normally one sequence does both (<see cref="ProfileTokens.ForThoughtAndAnswer"/>): the thought runs until the model
/// samples the close marker, or until the budget, where the engine forces the wrap-up message and the close marker
/// (events marked Forced) and the model answers in the same sequence, its cells kept. Tokens are split exactly: sampled
/// before the thought closed → reasoning (the model's own close marker included); sampled after → answer; forced →
/// injected. If the model ends its turn inside the thought, or the budget is 0, Ponder closes the thought itself and the
/// answer continues the token history in a second sequence (<paramref name="continueFrom"/>).
/// Thought and answer stream as deltas tagged with the agent, carrying the sampled tokens' log-probabilities when asked.
/// With a tracker it feeds DeepConf (from the engine's first ReasonerOptions.TopLogProbs alternatives); with a gate it
/// cancels its own sequence when the gate says the trace is too unsure.</summary>
internal sealed class AgentRun(
    int agent, ProfileTokens markers, int[] wrapUp, string wrapUpText, ChannelWriter<ReasoningEvent> events, ReasonerOptions options,
    int maxAnswerTokens, LogProbReader logProbs, ConfidenceTracker? tracker = null, EarlyStopGate? gate = null)
{
    readonly StringBuilder thought = new(), answer = new();
    readonly List<TokenLogProb> thoughtLogProbs = [], answerLogProbs = [];
    readonly List<int> history = [];
    int reasoningTokens, answerTokens, injected;

    /// <summary>Runs the agent on <paramref name="sequence"/> (null for a zero budget), which <paramref name="cancelSequence"/>
    /// cancels. Throws <see cref="OperationCanceledException"/> when <paramref name="request"/> is cancelled.</summary>
    public async Task<AgentOutcome> RunAsync(GenerationStream? sequence, CancellationTokenSource cancelSequence,
        Func<IReadOnlyList<int>, GenerationStream> continueFrom, CancellationToken request)
    {
        var inThought = true;
        var end = ThoughtEnd.BudgetReached;
        var finish = FinishReason.Length;
        bool stoppedEarly = false, cut = false;
        if (sequence is not null)
        {
            await foreach (var e in sequence.Events.ReadAllAsync(CancellationToken.None))
            {
                if (e.Finish is { } f) finish = f;
                if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"agent {agent}'s sequence failed in the engine: {e.Error}");
                if (cut || stoppedEarly) continue; // tokens the engine made before our cancellation reached it
                if (e.Forced)
                {
                    // Ponder's own tokens at the budget: the wrap-up (shown as thought), then the close marker.
                    if (injected < wrapUp.Length) { thought.Append(e.Text); events.TryWrite(new ReasoningDelta(agent, e.Text)); }
                    injected++;
                    if (inThought) { inThought = false; end = ThoughtEnd.BudgetReached; LeaveThought(); }
                    continue;
                }
                if (e.Token is not { } token) continue;
                Track(e);
                if (inThought)
                {
                    history.Add(token);
                    reasoningTokens++;
                    Thought(e);
                    if (markers.CloseIsOneToken && token == markers.Close[0]) { inThought = false; end = ThoughtEnd.ClosedByModel; LeaveThought(); }
                    else if (reasoningTokens % options.ProgressEvery == 0) Progress(AgentState.Thinking);
                    if (inThought && gate is not null && gate.ShouldStop(tracker!))
                    {
                        stoppedEarly = true;
                        cancelSequence.Cancel(); // the engine frees the sequence's cells at its next step
                    }
                }
                else
                {
                    answerTokens++;
                    Answer(e);
                    if (answerTokens % options.ProgressEvery == 0) Progress(AgentState.Answering);
                    if (answerTokens >= maxAnswerTokens && e.Finish is null)
                    {
                        // The model closed early, so the sequence's limit (budget + answer) exceeds the answer's: cut here.
                        cut = true;
                        cancelSequence.Cancel();
                    }
                }
            }
            request.ThrowIfCancellationRequested();
            if (stoppedEarly)
            {
                Progress(AgentState.StoppedEarly);
                return Outcome(ThoughtEnd.StoppedEarly, FinishReason.Cancelled);
            }
            if (!inThought)
            {
                Progress(AgentState.Done);
                return Outcome(end, cut ? FinishReason.Length : finish);
            }
            // The sequence ended inside the thought: the model ended its turn (drop that token), or the context ran out.
            if (finish == FinishReason.Stop)
            {
                end = ThoughtEnd.EndOfTurn;
                history.RemoveAt(history.Count - 1);
            }
            LeaveThought();
        }

        // Close the thought ourselves and continue the token history in a new sequence.
        var inserted = new List<int>();
        if (end == ThoughtEnd.BudgetReached && sequence is not null && wrapUp.Length > 0)
        {
            inserted.AddRange(wrapUp);
            thought.Append(wrapUpText);
            events.TryWrite(new ReasoningDelta(agent, wrapUpText));
        }
        inserted.AddRange(markers.Close);
        inserted.AddRange(markers.AfterClose);
        injected += inserted.Count;
        Progress(AgentState.Answering);
        var continuation = continueFrom([.. history, .. inserted]);
        var answerFinish = FinishReason.Length;
        await foreach (var e in continuation.Events.ReadAllAsync(CancellationToken.None))
        {
            if (e.Token is not null)
            {
                answerTokens++;
                Track(e);
            }
            Answer(e);
            if (e.Finish is { } f) answerFinish = f;
            if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"agent {agent}'s answer failed in the engine: {e.Error}");
        }
        request.ThrowIfCancellationRequested();
        Progress(AgentState.Done);
        return Outcome(end, answerFinish);
    }

    void Track(TokenEvent e) => tracker?.Add(DeepConf.TokenConfidence(e.TopLogProbs?.Take(options.TopLogProbs).Select(t => t.LogProb) ?? []));

    void Thought(TokenEvent e)
    {
        var lp = logProbs.Read(e);
        if (lp is not null) thoughtLogProbs.Add(lp);
        if (e.Text.Length == 0 && lp is null) return;
        thought.Append(e.Text);
        events.TryWrite(new ReasoningDelta(agent, e.Text, lp is null ? null : [lp]));
    }

    void Answer(TokenEvent e)
    {
        var lp = logProbs.Read(e);
        if (lp is not null) answerLogProbs.Add(lp);
        if (e.Text.Length == 0 && lp is null) return;
        answer.Append(e.Text);
        events.TryWrite(new AnswerDelta(agent, e.Text, lp is null ? null : [lp]));
    }

    void LeaveThought()
    {
        if (gate is not null && tracker is not null) gate.Report(tracker.Lowest);
        Progress(AgentState.Answering);
    }

    AgentOutcome Outcome(ThoughtEnd end, FinishReason answerFinish) =>
        new(agent, thought.ToString(), reasoningTokens, end, injected, answer.ToString(), answerTokens, answerFinish, tracker?.Lowest ?? 0)
        {
            ThoughtLogProbs = thoughtLogProbs, AnswerLogProbs = answerLogProbs,
        };

    void Progress(AgentState state) =>
        events.TryWrite(new AgentProgress(agent, reasoningTokens + answerTokens, tracker?.Current ?? 0, state));
}
