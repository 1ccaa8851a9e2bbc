using System.Text;
using System.Threading.Channels;
using Ponder.Engine;
using Ponder.Reasoning.Confidence;

namespace Ponder.Reasoning;

/// <summary>One agent's think-then-answer, shared by Thinking (one agent) and Contemplating (N). It reads the thought
/// stream; at its end decides how the thought ended and what Ponder must insert — at the budget the wrap-up message and
/// the close marker, after a close the profile's separator — and starts the answer as a continuation of the exact token
/// history (<paramref name="startAnswer"/> gets the thought's tokens plus the inserted ones). Token counts are exact:
/// every token the engine sampled is counted once, as reasoning (thought stream) or answer (answer stream).
/// With a confidence tracker it also feeds DeepConf and, with a gate, cancels its own thought when the gate says so.</summary>
internal sealed class AgentRun(
    int agent, ProfileTokens markers, int[] wrapUp, string wrapUpText, ChannelWriter<ReasoningEvent> events, ReasonerOptions options,
    bool streamAnswer, ConfidenceTracker? tracker = null, EarlyStopGate? gate = null, CancellationTokenSource? thoughtCancel = null)
{
    /// <summary>Runs the agent. <paramref name="thought"/> is null for a zero budget (the thought is closed at once).
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="request"/> is cancelled.</summary>
    public async Task<AgentOutcome> RunAsync(GenerationStream? thought, Func<IReadOnlyList<int>, GenerationStream> startAnswer,
        CancellationToken request)
    {
        var history = new List<int>();
        var text = new StringBuilder();
        var reasoningTokens = 0;
        var stoppedEarly = false;
        FinishReason finish = FinishReason.Length;
        if (thought is not null)
        {
            await foreach (var e in thought.Events.ReadAllAsync(CancellationToken.None))
            {
                if (e.Token is { } token)
                {
                    history.Add(token);
                    reasoningTokens++;
                    if (tracker is not null) tracker.Add(DeepConf.TokenConfidence(e.TopLogProbs?.Select(t => t.LogProb) ?? []));
                    if (reasoningTokens % options.ProgressEvery == 0) Progress(reasoningTokens, AgentState.Thinking);
                    if (!stoppedEarly && gate is not null && tracker is not null && gate.ShouldStop(tracker))
                    {
                        stoppedEarly = true;
                        thoughtCancel?.Cancel(); // the engine frees the sequence's cells at its next step
                    }
                }
                if (e.Text.Length > 0) { text.Append(e.Text); events.TryWrite(new ReasoningDelta(agent, e.Text)); }
                if (e.Finish is { } f) finish = f;
                if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"agent {agent}'s thought failed in the engine: {e.Error}");
            }
            request.ThrowIfCancellationRequested();
            if (stoppedEarly || finish == FinishReason.Cancelled)
            {
                Progress(reasoningTokens, AgentState.StoppedEarly);
                return new AgentOutcome(agent, text.ToString(), reasoningTokens, ThoughtEnd.StoppedEarly, 0, "", 0,
                    FinishReason.Cancelled, tracker?.Lowest ?? 0);
            }
        }

        // How did the thought end, and what must Ponder insert before the answer?
        ThoughtEnd end;
        var inserted = new List<int>();
        if (thought is null || finish == FinishReason.Length)
        {
            end = ThoughtEnd.BudgetReached;
            if (thought is not null && wrapUp.Length > 0)
            {
                inserted.AddRange(wrapUp);
                text.Append(wrapUpText);
                events.TryWrite(new ReasoningDelta(agent, wrapUpText));
            }
            inserted.AddRange(markers.Close);
        }
        else if (!markers.CloseIsOneToken || history[^1] == markers.Close[0])
            end = ThoughtEnd.ClosedByModel; // the close marker is already in the history
        else
        {
            end = ThoughtEnd.EndOfTurn; // the model ended its turn while thinking: drop that token, close the thought
            history.RemoveAt(history.Count - 1);
            inserted.AddRange(markers.Close);
        }
        inserted.AddRange(markers.AfterClose);
        gate?.Report(tracker!.Lowest);

        // The answer: a continuation of prompt + thought + inserted tokens.
        Progress(reasoningTokens, AgentState.Answering);
        var answer = startAnswer([.. history, .. inserted]);
        var answerText = new StringBuilder();
        var answerTokens = 0;
        var answerFinish = FinishReason.Length;
        await foreach (var e in answer.Events.ReadAllAsync(CancellationToken.None))
        {
            if (e.Token is not null)
            {
                answerTokens++;
                if (tracker is not null) tracker.Add(DeepConf.TokenConfidence(e.TopLogProbs?.Select(t => t.LogProb) ?? []));
                if (answerTokens % options.ProgressEvery == 0) Progress(reasoningTokens + answerTokens, AgentState.Answering);
            }
            if (e.Text.Length > 0)
            {
                answerText.Append(e.Text);
                if (streamAnswer) events.TryWrite(new AnswerDelta(agent, e.Text));
            }
            if (e.Finish is { } f) answerFinish = f;
            if (e.Finish == FinishReason.Error) throw new InvalidOperationException($"agent {agent}'s answer failed in the engine: {e.Error}");
        }
        request.ThrowIfCancellationRequested();
        Progress(reasoningTokens + answerTokens, AgentState.Done);
        return new AgentOutcome(agent, text.ToString(), reasoningTokens, end, inserted.Count, answerText.ToString(), answerTokens,
            answerFinish, tracker?.Lowest ?? 0);
    }

    void Progress(int tokens, AgentState state) => events.TryWrite(new AgentProgress(agent, tokens, tracker?.Current ?? 0, state));
}
