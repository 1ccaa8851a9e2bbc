using System.Threading.Channels;
using LLama;

namespace Ponder.Engine;

/// <summary>A sequence's state inside the loop. Only the loop thread touches it, except <see cref="CancelRequested"/>.</summary>
internal sealed class Sequence(SequenceId id, int[] prompt, SamplingOptions sampling, SharedPrompt shared, bool isFork,
    Random rng, StreamingTokenDecoder decoder, ChannelWriter<TokenEvent> output)
{
    public SequenceId Id { get; } = id;
    /// <summary>This sequence's own prompt: the whole prompt for a root, the part after the shared prompt for a fork.</summary>
    public int[] Prompt { get; } = prompt;
    public SamplingOptions Sampling { get; } = sampling;
    public SharedPrompt Shared { get; } = shared;
    public bool IsFork { get; } = isFork;
    public Random Rng { get; } = rng;
    public StreamingTokenDecoder Decoder { get; } = decoder;
    public StopStringMatcher? Stops { get; } =
        sampling.Stop is { Count: > 0 } || sampling.Deferred is { Strings.Count: > 0 } ? new StopStringMatcher(sampling.Stop) : null;
    public ChannelWriter<TokenEvent> Output { get; } = output;
    public long EnqueuedAt { get; } = Environment.TickCount64;

    public SequenceState State { get; set; } = SequenceState.Queued;
    public int Slot { get; set; } = -1;          // llama.cpp sequence id while admitted
    public int Position { get; set; }            // next KV position to write
    public int Prefilled { get; set; }           // own prompt tokens decoded
    public int Generated { get; set; }           // tokens sampled
    public int MaxTokens { get; set; }           // the request's limit, capped by the context
    public int OwnCells { get; set; }            // reserved cells beyond the shared prompt
    public int NextToken { get; set; } = -1;     // sampled, to be fed at the next step
    public int LogitIndex { get; set; } = -1;    // row of this step's batch whose logits to sample
    public int[]? Pending { get; set; }          // forced tokens to feed after NextToken at the next step
    public bool ForceArmed { get; set; } = sampling.Force is not null;
    public CancellationTokenRegistration Registration { get; set; }

    volatile bool cancelRequested;
    public bool CancelRequested { get => cancelRequested; set => cancelRequested = value; }
}
