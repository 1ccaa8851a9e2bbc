using System.Threading.Channels;

namespace Ponder.Engine;

/// <summary>The tokens of one sequence as the loop produces them. The reader completes after the final event;
/// it completes with an exception instead when the request never started (over capacity, its fork parent gone).</summary>
public sealed class GenerationStream(SequenceId id, int promptTokens, ChannelReader<TokenEvent> events)
{
    public SequenceId Id { get; } = id;
    /// <summary>Tokens this sequence's own prompt adds (a fork's parent prompt not included).</summary>
    public int PromptTokens { get; } = promptTokens;
    public ChannelReader<TokenEvent> Events { get; } = events;

    /// <summary>Reads the stream to its end.</summary>
    public async Task<GenerationResult> CollectAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<TokenEvent>();
        await foreach (var e in Events.ReadAllAsync(cancellationToken)) events.Add(e);
        return new GenerationResult(Id, events);
    }
}
