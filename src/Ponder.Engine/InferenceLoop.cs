using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ponder.Engine;

/// <summary>The embedded engine: one background thread owns the llama.cpp context and, at every step, decodes one
/// token for every live sequence in a single llama_decode batch (continuous batching). New sequences join between
/// steps and their prompts are prefilled in chunks in the same batches, after the decode tokens, so a long prompt
/// never stalls the others. Forks copy their parent's prompt cells (llama_memory_seq_cp) in the unified KV cache.
/// Threading rule: callers tokenise and validate on their own thread; only the loop thread calls llama.cpp.
/// Why LLamaBatch + llama_decode rather than BatchedExecutor: it measured as fast or faster (bench/RESULTS.md), and
/// it lets the loop mix decode tokens with prefill chunks, reuse sequence slots and sample from its own logits.
/// Simplifications: sampling runs on the loop thread; KV cells are reserved for prompt + max tokens at admission
/// (so a running sequence can never hit a full cache), which admits fewer sequences than optimistic reservation.
/// Use: await using var engine = InferenceLoop.Start(new EngineOptions("model.gguf"));
///      await foreach (var t in engine.Generate(GenerationRequest.FromText("Once")).Events.ReadAllAsync()) ...</summary>
public sealed class InferenceLoop : IGenerationEngine
{
    readonly EngineOptions options;
    readonly ILogger logger;
    readonly LLamaWeights weights;
    readonly LLamaContext context;
    readonly SafeLlamaModelHandle.Vocabulary vocab;
    readonly bool[] endOfGeneration; // (V,)
    readonly string?[] tokenText;    // (V,) filled lazily, for top log-probabilities
    readonly byte[]?[] tokenBytes;   // (V,) filled lazily
    readonly TokenSampler sampler;
    readonly LLamaBatch batch = new();
    readonly Thread thread;

    // Requests reach the loop here; null is a wake-up (a cancellation, or disposal).
    readonly Channel<Sequence?> inbox = Channel.CreateUnbounded<Sequence?>(new() { SingleReader = true });
    readonly List<Sequence> queue = [];   // waiting for a slot and cells, in arrival order
    readonly List<Sequence> live = [];    // admitted, in admission order
    readonly Dictionary<SequenceId, Sequence> byId = [];
    readonly Lock byIdGate = new();
    readonly Stack<int> freeSlots;
    readonly List<(int Token, float LogProb)> topScratch = [];
    readonly List<Sequence> sampling = [];
    readonly List<TokenEvent> emitScratch = [];
    long nextId;
    int queuedCount, reservedCells, liveCount;
    long steps, promptDecoded, generatedDecoded, sampled, decodeTicks, loopTicks;
    volatile bool stopping;

    InferenceLoop(EngineOptions options, ILogger logger, LLamaWeights weights)
    {
        this.options = options;
        this.logger = logger;
        this.weights = weights;
        context = weights.CreateContext(ModelLoader.Parameters(options), logger);
        vocab = weights.Vocab;
        VocabSize = vocab.Count;
        endOfGeneration = new bool[VocabSize];
        for (var i = 0; i < VocabSize; i++) endOfGeneration[i] = ((LLamaToken)i).IsEndOfGeneration(vocab);
        tokenText = new string?[VocabSize];
        tokenBytes = new byte[]?[VocabSize];
        sampler = new TokenSampler(VocabSize);
        freeSlots = new Stack<int>(Enumerable.Range(0, options.MaxSequences).Reverse());
        thread = new Thread(Run) { IsBackground = true, Name = "Ponder inference loop" };
        thread.Start();
    }

    /// <summary>Validates and loads the model (see <see cref="ModelLoader"/>), creates the context and starts the loop.</summary>
    public static InferenceLoop Start(EngineOptions options, ILogger? logger = null)
    {
        options.Validate();
        logger ??= NullLogger.Instance;
        logger.LogInformation("engine: {Options}", options);
        var weights = ModelLoader.Load(options, logger);
        try { return new InferenceLoop(options, logger, weights); }
        catch { weights.Dispose(); throw; }
    }

    public EngineOptions Options => options;
    public int VocabSize { get; }
    public int? BosToken => vocab.BOS is { } t ? (int)t : null;
    /// <summary>The model's GGUF metadata as llama.cpp read it (e.g. general.architecture, tokenizer.chat_template).</summary>
    public IReadOnlyDictionary<string, string> Metadata => weights.Metadata;

    public EngineStats Stats => new(Interlocked.Read(ref steps), Interlocked.Read(ref promptDecoded),
        Interlocked.Read(ref generatedDecoded), Interlocked.Read(ref sampled), Volatile.Read(ref liveCount),
        Volatile.Read(ref queuedCount), Volatile.Read(ref reservedCells), options.ContextSize,
        TimeSpan.FromSeconds((double)Interlocked.Read(ref decodeTicks) / Stopwatch.Frequency),
        TimeSpan.FromSeconds((double)Interlocked.Read(ref loopTicks) / Stopwatch.Frequency));

    /// <summary>Tokenises on the caller's thread; control-token text (e.g. &lt;|im_start|&gt;) becomes control tokens.</summary>
    public int[] Tokenize(string text, bool addBos = true) =>
        weights.Tokenize(text, addBos && vocab.ShouldAddBOS, special: true, Encoding.UTF8).Select(t => (int)t).ToArray();

    public string Detokenize(IEnumerable<int> tokens)
    {
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights.NativeHandle);
        foreach (var t in tokens) decoder.Add(t);
        return decoder.Read();
    }

    /// <summary>Queues a sequence and returns its stream at once. Throws for impossible parameters, a prompt longer
    /// than the context, or (with <see cref="EngineOverCapacityException"/>) when the wait queue is full.</summary>
    public GenerationStream Generate(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        request.Sampling.Validate();
        if ((request.Text is null) == (request.Tokens is null))
            throw new ArgumentException("give the prompt as Text or as Tokens, not both or neither.", nameof(request));
        var prompt = request.Text is not null ? Tokenize(request.Text) : request.Tokens!.ToArray();
        foreach (var t in prompt)
            if ((uint)t >= (uint)VocabSize)
                throw new ArgumentOutOfRangeException(nameof(request), t, $"prompt token {t} is outside the vocabulary [0, {VocabSize}).");

        SharedPrompt shared;
        if (request.ForkFrom is { } parentId)
        {
            if (!options.UnifiedKvCache)
                throw new InvalidOperationException($"cannot fork from {parentId}: forks share prompt cells, which needs UnifiedKvCache = true.");
            Sequence? parent;
            lock (byIdGate) byId.TryGetValue(parentId, out parent);
            if (parent is null || parent.State == SequenceState.Finished)
                throw new InvalidOperationException($"cannot fork from {parentId}: it has finished or never existed; fork while the parent is live.");
            if (parent.IsFork && parent.Prompt.Length > 0)
                throw new InvalidOperationException($"cannot fork from {parentId}: it is a fork with a prompt of its own; fork from its root instead.");
            shared = parent.Shared;
        }
        else
        {
            if (prompt.Length == 0) throw new ArgumentException("the prompt is empty; give at least one token.", nameof(request));
            shared = new SharedPrompt(prompt.Length);
        }
        var total = (request.ForkFrom is null ? 0 : shared.Cells) + prompt.Length;
        if (total >= options.CellsPerSequence) throw new PromptTooLongException(total, options.CellsPerSequence);
        var forced = request.Sampling.Force?.Tokens.Count ?? 0;
        foreach (var t in request.Sampling.Force?.Tokens ?? [])
            if ((uint)t >= (uint)VocabSize)
                throw new ArgumentOutOfRangeException(nameof(request), t, $"forced token {t} is outside the vocabulary [0, {VocabSize}).");

        if (Interlocked.Increment(ref queuedCount) > options.QueueCapacity)
        {
            Interlocked.Decrement(ref queuedCount);
            throw new EngineOverCapacityException(
                $"over capacity: {Volatile.Read(ref liveCount)} sequences live (max {options.MaxSequences}), " +
                $"{Volatile.Read(ref reservedCells)} of {options.ContextSize} KV cells reserved, queue full ({options.QueueCapacity} waiting); retry later or raise MaxSequences, ContextSize or QueueCapacity.");
        }

        var id = new SequenceId(Interlocked.Increment(ref nextId));
        var channel = Channel.CreateUnbounded<TokenEvent>(new() { SingleWriter = true });
        var seed = request.Sampling.Seed ?? Random.Shared.Next();
        var seq = new Sequence(id, prompt, request.Sampling, shared, request.ForkFrom is not null, new Random(seed),
            new StreamingTokenDecoder(Encoding.UTF8, weights.NativeHandle), channel.Writer);
        seq.MaxTokens = Math.Max(1, Math.Min(request.Sampling.MaxTokens, options.CellsPerSequence - total - forced));
        // In a unified cache sequences draw on one pool of cells; otherwise each slot has its own, and a slot is enough.
        seq.OwnCells = options.UnifiedKvCache ? prompt.Length - (request.ForkFrom is null ? shared.Cells : 0) + seq.MaxTokens + forced : 0;
        lock (byIdGate) byId[id] = seq;
        if (cancellationToken.CanBeCanceled)
            seq.Registration = cancellationToken.Register(() => { seq.CancelRequested = true; inbox.Writer.TryWrite(null); });
        if (!inbox.Writer.TryWrite(seq))
        {
            Interlocked.Decrement(ref queuedCount);
            seq.Registration.Dispose();
            throw new ObjectDisposedException(nameof(InferenceLoop), "the engine has been disposed.");
        }
        return new GenerationStream(id, prompt.Length, channel.Reader);
    }

    void Run()
    {
        while (!stopping)
        {
            try
            {
                DrainInbox();
                ReapCancelled();
                ExpireQueue();
                Admit();
                if (live.Count == 0)
                {
                    // Idle: sleep until a request arrives (or, with requests waiting, until one may expire).
                    var wait = inbox.Reader.WaitToReadAsync().AsTask();
                    if (queue.Count > 0) wait.Wait(20); else wait.Wait();
                    continue;
                }
                Step();
            }
            catch (Exception e)
            {
                // Never let an exception kill the loop: fail what was live, keep serving.
                logger.LogError(e, "engine: step failed");
                foreach (var s in live.ToList()) Finish(s, FinishReason.Error, $"engine step failed: {e.Message}");
            }
        }
        DrainInbox();
        foreach (var s in live.ToList()) Finish(s, FinishReason.Cancelled, "the engine is shutting down");
        foreach (var s in queue.ToList()) { Dequeue(s); s.Output.TryWrite(Final(FinishReason.Cancelled, "the engine is shutting down")); s.Output.TryComplete(); }
    }

    void DrainInbox()
    {
        while (inbox.Reader.TryRead(out var s))
            if (s is not null) { s.Shared.Refs++; s.Shared.Members.Add(s); queue.Add(s); }
    }

    /// <summary>One step: a decode token for every decoding sequence, then prompt chunks in the room left; one llama_decode.</summary>
    void Step()
    {
        var started = Stopwatch.GetTimestamp();
        batch.Clear();
        foreach (var s in live)
        {
            if (s.State != SequenceState.Decoding) continue;
            if (s.Pending is { } forced)
            {
                // The sampled token, then the forced ones; the next token is sampled after the last forced one.
                if (batch.TokenCount + 1 + forced.Length > options.BatchSize) continue; // no room this step: wait one
                batch.Add((LLamaToken)s.NextToken, s.Position++, (LLamaSeqId)s.Slot, false);
                for (var i = 0; i < forced.Length; i++)
                {
                    if (i == forced.Length - 1) s.LogitIndex = batch.TokenCount;
                    batch.Add((LLamaToken)forced[i], s.Position++, (LLamaSeqId)s.Slot, i == forced.Length - 1);
                }
                s.Pending = null;
                continue;
            }
            s.LogitIndex = batch.TokenCount;
            batch.Add((LLamaToken)s.NextToken, s.Position++, (LLamaSeqId)s.Slot, true);
        }
        var decodeTokens = batch.TokenCount;
        // At most PrefillChunk prompt tokens per step, whoever they belong to: a step's latency stays bounded.
        var room = Math.Min(options.BatchSize - decodeTokens, options.PrefillChunk);
        var prefillTokens = 0;
        foreach (var s in live)
        {
            if (room == 0) break;
            if (s.State != SequenceState.Prefilling) continue;
            var n = Math.Min(s.Prompt.Length - s.Prefilled, room);
            for (var i = 0; i < n; i++)
            {
                var last = s.Prefilled + i == s.Prompt.Length - 1;
                if (last) s.LogitIndex = batch.TokenCount;
                batch.Add((LLamaToken)s.Prompt[s.Prefilled + i], s.Position++, (LLamaSeqId)s.Slot, last);
            }
            s.Prefilled += n;
            prefillTokens += n;
            room -= n;
        }
        if (batch.TokenCount == 0) return;

        var decodeStarted = Stopwatch.GetTimestamp();
        var result = context.NativeHandle.Decode(batch);
        var decodeEnded = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref steps);
        Interlocked.Add(ref decodeTicks, decodeEnded - decodeStarted);
        if (result != DecodeResult.Ok)
        {
            var why = result == DecodeResult.NoKvSlot
                ? "no free KV cells (llama_decode NoKvSlot); lower MaxSequences or raise ContextSize"
                : $"llama_decode returned {result}";
            logger.LogError("engine: {Why}; failing the {Count} sequences in this batch", why, live.Count);
            foreach (var s in live.Where(s => s.State is SequenceState.Decoding or SequenceState.Prefilling).ToList())
                Finish(s, FinishReason.Error, why);
            return;
        }
        Interlocked.Add(ref generatedDecoded, decodeTokens);
        Interlocked.Add(ref promptDecoded, prefillTokens);

        sampling.Clear();
        foreach (var s in live) if (s.LogitIndex >= 0) sampling.Add(s);
        foreach (var s in sampling) // SampleAndEmit may release a sequence, which edits `live`
        {
            var logits = context.NativeHandle.GetLogitsIth(s.LogitIndex);
            s.LogitIndex = -1;
            if (s.State == SequenceState.Prefilling && !s.IsFork) s.Shared.LastLogits = logits.ToArray();
            SampleAndEmit(s, logits);
        }
        Interlocked.Add(ref loopTicks, Stopwatch.GetTimestamp() - started - (decodeEnded - decodeStarted));
    }

    void SampleAndEmit(Sequence s, ReadOnlySpan<float> logits)
    {
        var o = s.Sampling;
        var token = sampler.Sample(logits, o, s.Rng);
        s.Generated++;
        Interlocked.Increment(ref sampled);
        var logProb = 0f;
        IReadOnlyList<TopLogProb>? top = null;
        if (o.LogProbs || o.TopLogProbs > 0)
        {
            logProb = sampler.LogProb(logits, token, o.TopLogProbs, o.TopLogProbs > 0 ? topScratch : null);
            if (o.TopLogProbs > 0) top = topScratch.Select(t => new TopLogProb(t.Token, TokenText(t.Token), t.LogProb)).ToArray();
        }

        // The events this step decides, in order: the sampled token's, and any that stop strings held back until now.
        var output = emitScratch;
        output.Clear();
        var sampledEvent = new TokenEvent(token, "", logProb, top);
        FinishReason? finish = null;
        if ((!o.IgnoreEos && endOfGeneration[token]) || (o.StopTokens is { Count: > 0 } stopTokens && stopTokens.Contains(token)))
        {
            finish = FinishReason.Stop;
            s.Stops?.Flush(output);
            output.Add(sampledEvent with { Withheld = true });
        }
        else
        {
            s.Decoder.Add(token);
            var piece = s.Decoder.Read();
            if (s.Stops is not { } stops) output.Add(sampledEvent with { Text = piece });
            else if (stops.Push(sampledEvent, piece, output)) finish = FinishReason.Stop;
            else if (!stops.Armed && o.Deferred is { } deferred && deferred.ArmTokens.Contains(token)) stops.Arm(deferred.Strings);
            if (finish is null && s.Generated >= s.MaxTokens)
            {
                finish = FinishReason.Length;
                s.Stops?.Flush(output);
            }
        }
        int[]? forced = null;
        if (finish is null && s.ForceArmed && o.Force is { } force)
        {
            if (force.Unless is { } unless && unless.Contains(token)) s.ForceArmed = false;
            else if (s.Generated >= force.After)
            {
                s.ForceArmed = false;
                forced = [.. force.Tokens];
                s.Stops?.Flush(output); // what was held belongs before the forced tokens
            }
        }
        if (finish is not null) output[^1] = output[^1] with { Finish = finish };
        foreach (var e in output) s.Output.TryWrite(e);
        if (forced is not null)
        {
            s.Pending = forced;
            foreach (var t in forced)
            {
                s.Decoder.Add(t);
                s.Output.TryWrite(new TokenEvent(t, s.Decoder.Read(), 0, null, Forced: true));
            }
            if (s.Stops is { Armed: false } stops && o.Deferred is { } deferred) stops.Arm(deferred.Strings);
        }
        if (finish is null)
        {
            s.NextToken = token;
            s.State = SequenceState.Decoding;
        }
        else Release(s);
    }

    string TokenText(int token) => tokenText[token] ??= Encoding.UTF8.GetString(TokenBytes(token));

    /// <summary>The token's bytes as llama.cpp renders it, control tokens as their text (e.g. &lt;/think&gt;). A byte-fallback
    /// token can hold part of a UTF-8 character, so these bytes need not be valid UTF-8 alone. Safe on any thread.</summary>
    public byte[] TokenBytes(int token)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(token);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(token, VocabSize);
        if (tokenBytes[token] is { } cached) return cached;
        Span<byte> buffer = stackalloc byte[64];
        var length = (int)weights.NativeHandle.TokenToSpan((LLamaToken)token, buffer, 0, special: true);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
            weights.NativeHandle.TokenToSpan((LLamaToken)token, buffer, 0, special: true);
        }
        return tokenBytes[token] = buffer[..length].ToArray();
    }

    /// <summary>Moves queued sequences to live while a slot and enough KV cells are free, oldest first;
    /// a fork also waits until its shared prompt is decoded.</summary>
    void Admit()
    {
        for (var i = 0; i < queue.Count;)
        {
            var s = queue[i];
            if (s.IsFork && !s.Shared.Ready)
            {
                if (s.Shared.Members.Any(m => !m.IsFork)) { i++; continue; } // its root is still prefilling
                Dequeue(s);
                Forget(s);
                s.Output.TryWrite(Final(FinishReason.Error, "the parent ended before its prompt was decoded; nothing to fork from."));
                s.Output.TryComplete();
                continue;
            }
            var takeover = s.IsFork && s.Shared.HolderSlot >= 0;
            if (!takeover && freeSlots.Count == 0) break;
            var sharedCost = s.Shared.Reserved || !options.UnifiedKvCache ? 0 : s.Shared.Cells;
            if (reservedCells + sharedCost + s.OwnCells > options.ContextSize) break; // keep arrival order: no overtaking
            Dequeue(s);
            s.Shared.Reserved = options.UnifiedKvCache;
            Interlocked.Add(ref reservedCells, sharedCost + s.OwnCells);
            live.Add(s);
            Interlocked.Increment(ref liveCount);
            if (!s.IsFork)
            {
                s.Slot = freeSlots.Pop();
                s.State = SequenceState.Prefilling;
                continue;
            }

            if (takeover)
            {
                // The slot already holds exactly the shared prompt's cells.
                s.Slot = s.Shared.HolderSlot;
                s.Shared.HolderSlot = -1;
            }
            else
            {
                s.Slot = freeSlots.Pop();
                var source = s.Shared.Members.FirstOrDefault(m => m != s && m.Slot >= 0 && m.State != SequenceState.Finished && m.Position >= s.Shared.Cells);
                if (source is null)
                {
                    Finish(s, FinishReason.Error, "the shared prompt's cells are gone (every sequence holding them has finished); fork while the parent is live.");
                    continue;
                }
                context.NativeHandle.MemorySequenceCopy((LLamaSeqId)source.Slot, (LLamaSeqId)s.Slot, 0, s.Shared.Cells);
            }
            s.Position = s.Shared.Cells;
            if (s.Prompt.Length > 0) s.State = SequenceState.Prefilling;
            else SampleAndEmit(s, s.Shared.LastLogits); // the first token comes from the parent's prompt logits
        }
    }

    void Dequeue(Sequence s)
    {
        queue.Remove(s);
        Interlocked.Decrement(ref queuedCount);
    }

    void ReapCancelled()
    {
        // Cheap when nothing was cancelled: no allocation on the per-step path.
        for (var i = live.Count - 1; i >= 0; i--)
            if (live[i].CancelRequested) Finish(live[i], FinishReason.Cancelled, null);
        for (var i = queue.Count - 1; i >= 0; i--)
        {
            var s = queue[i];
            if (!s.CancelRequested) continue;
            Dequeue(s);
            Forget(s);
            s.Output.TryWrite(Final(FinishReason.Cancelled, null));
            s.Output.TryComplete();
        }
    }

    void ExpireQueue()
    {
        var timeout = (long)options.EffectiveQueueTimeout.TotalMilliseconds;
        for (var i = queue.Count - 1; i >= 0; i--)
        {
            var s = queue[i];
            if (Environment.TickCount64 - s.EnqueuedAt <= timeout) continue;
            Dequeue(s);
            Forget(s);
            s.Output.TryComplete(new EngineOverCapacityException(
                $"over capacity: {live.Count} sequences live (max {options.MaxSequences}), {reservedCells} of {options.ContextSize} KV cells reserved; " +
                $"{s.Id} waited {options.EffectiveQueueTimeout.TotalSeconds:0.###} s in the queue without a free slot. Retry later, or raise MaxSequences or ContextSize."));
        }
    }

    /// <summary>Ends a live sequence: the events stop strings still held (with their text, unless cancelled), then a
    /// final event that carries no token; and releases it.</summary>
    void Finish(Sequence s, FinishReason reason, string? error)
    {
        var held = new List<TokenEvent>();
        s.Stops?.Flush(held);
        foreach (var e in held) s.Output.TryWrite(reason == FinishReason.Cancelled ? e with { Text = "" } : e);
        s.Output.TryWrite(new TokenEvent(null, "", 0, null, reason, error));
        Release(s);
    }

    /// <summary>Frees the slot and the sequence's KV cells (llama_memory_seq_rm) and its cell reservation.</summary>
    void Release(Sequence s)
    {
        if (s.Slot >= 0)
        {
            var others = s.Shared.Members.Where(m => m != s).ToList();
            if (s.Shared.Ready && s.Shared.HolderSlot < 0 && others.Any(m => m.State == SequenceState.Queued) && !others.Any(m => m.Slot >= 0))
            {
                // Forks still wait for this prompt and nobody else holds its cells: keep them, drop the rest.
                context.NativeHandle.MemorySequenceRemove((LLamaSeqId)s.Slot, s.Shared.Cells, -1);
                s.Shared.HolderSlot = s.Slot;
            }
            else
            {
                context.NativeHandle.MemorySequenceRemove((LLamaSeqId)s.Slot, -1, -1);
                freeSlots.Push(s.Slot);
            }
            s.Slot = -1;
            Interlocked.Add(ref reservedCells, -s.OwnCells);
            live.Remove(s);
            Interlocked.Decrement(ref liveCount);
        }
        // Forget before completing, as the queue paths do: a caller that reads the stream to its end may look at the
        // engine's stats next, and the shared prompt's reservation must already be gone then.
        Forget(s);
        s.Output.TryComplete();
    }

    /// <summary>Drops the sequence's reference to its shared prompt, releasing those cells with the last reference.</summary>
    void Forget(Sequence s)
    {
        s.State = SequenceState.Finished;
        s.Registration.Dispose();
        lock (byIdGate) byId.Remove(s.Id);
        if (!s.Shared.Members.Remove(s)) return;
        if (s.Shared.Refs - 1 == 0 && s.Shared.HolderSlot >= 0)
        {
            context.NativeHandle.MemorySequenceRemove((LLamaSeqId)s.Shared.HolderSlot, -1, -1);
            freeSlots.Push(s.Shared.HolderSlot);
            s.Shared.HolderSlot = -1;
        }
        if (--s.Shared.Refs == 0 && s.Shared.Reserved)
        {
            s.Shared.Reserved = false;
            Interlocked.Add(ref reservedCells, -s.Shared.Cells);
        }
    }

    static TokenEvent Final(FinishReason reason, string? error) => new(null, "", 0, null, reason, error);

    public async ValueTask DisposeAsync()
    {
        if (stopping) return;
        stopping = true;
        inbox.Writer.TryComplete(); // wakes the loop; later Generate calls fail
        await Task.Run(() => thread.Join());
        context.Dispose();
        weights.Dispose();
    }
}
