using System.Diagnostics;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Training;

/// <summary>How a run is driven, beyond its configuration.</summary>
/// <param name="Resume">Continue from the newest good checkpoint in the output directory (start fresh if there is none).</param>
/// <param name="StopAfterStep">Stop abruptly after this step, with no final checkpoint or export, as a killed process
/// would (tests use it to simulate SIGKILL).</param>
/// <param name="Log">Where the configuration, progress and warnings go (default: stderr).</param>
/// <param name="Interactive">Redraw the progress line in place.</param>
public sealed record TrainOptions(bool Resume = false, int? StopAfterStep = null, TextWriter? Log = null, bool Interactive = false);

/// <summary>What a run produced.</summary>
public sealed record TrainResult(int Step, TrainingMetrics Metrics, string OutputDirectory, string? ModelPath, bool Completed)
{
    public double FinalLoss => Metrics.Steps.Count > 0 ? Metrics.Steps[^1].Loss : double.NaN;
}

/// <summary>Supervised fine-tuning from scratch on Ponder's reasoning tasks, in both chat formats.
/// <para>Departures from the textbook recipe: the data is generated, not read — each step's problems are a pure
/// function of (seed, step), so resuming needs no data-loader state; a step is a token budget split into
/// length-sorted micro-batches (gradient accumulation) rather than a fixed number of padded rows; no dropout.</para>
/// Run: ponder train --depth 4 --tasks addition --minutes 10 --out runs/add-d4</summary>
public static class Trainer
{
    public static TrainResult Run(TrainConfig config, TrainOptions? options = null)
    {
        options ??= new TrainOptions();
        var log = options.Log ?? Console.Error;
        var store = new CheckpointStore(config.OutputDirectory, log);
        var checkpoint = store.ForRun(options.Resume, Checkpoint.Read, c => c.Step, "from scratch");
        // A resumed run keeps the configuration it was started with; only its length may change.
        if (checkpoint is not null)
            config = checkpoint.Config with { Steps = config.Steps, Minutes = config.Minutes, OutputDirectory = config.OutputDirectory };

        config.Validate();
        var mix = TaskMix.Parse(config.Tasks);
        var dataset = LoadDataset(config, log);
        var vocabulary = PonderVocabulary.Build();
        var tokenizer = new SentencePieceTokenizer(vocabulary);
        var modelConfig = LlamaConfig.FromDepth(config.Depth, vocabulary.Count, config.Context);
        MemoryEstimate.For(config, modelConfig).EnsureFits();
        torch.set_num_threads(config.Threads > 0 ? config.Threads : Environment.ProcessorCount);

        log.WriteLine($"ponder train: depth {config.Depth} → {modelConfig.ParameterCount / 1e6:F2}M parameters " +
                      $"(dim {modelConfig.Dim}, {modelConfig.Blocks} blocks, {modelConfig.Heads} heads / {modelConfig.KvHeads} KV, ff {modelConfig.FeedForward}, vocab {modelConfig.VocabSize}); tasks {mix}");
        log.WriteLine(config.Describe());
        Directory.CreateDirectory(config.OutputDirectory);
        AtomicFile.WriteAllText(Path.Combine(config.OutputDirectory, "config.json"), config.ToJson());

        using var model = ModelInit.Create(modelConfig, config.Seed);
        var parameters = model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        using var optimizer = new RunOptimizer(parameters, config);
        var metrics = new TrainingMetrics();
        var step = 0;
        var elapsedBefore = 0.0;
        if (checkpoint is not null)
        {
            Restore(model, optimizer, checkpoint);
            step = checkpoint.Step;
            elapsedBefore = checkpoint.ElapsedSeconds;
            metrics = checkpoint.Metrics;
            metrics.TruncateAfter(step);
        }

        var data = new SftDataStream(config, mix, tokenizer, dataset);
        var validation = ValidationSet.Build(mix, config.ValidationProblems, config.Seed);
        var progress = new ProgressLine(log, options.Interactive);
        var sample = data.ExamplesForStep(step);
        log.WriteLine($"data: {sample.Count} examples per step ({sample.Count(e => e.Mode == TrainingMode.Thinking)} thinking), " +
                      $"{sample.Sum(e => e.Length)} tokens, lengths {sample.Min(e => e.Length)}..{sample.Max(e => e.Length)} (mean {sample.Average(e => e.Length):F0}); " +
                      $"{data.BatchesForStep(step).Count} micro-batches; {validation.Problems.Count} validation problems per mode");
        var watch = Stopwatch.StartNew();
        var startStep = step;
        double Elapsed() => elapsedBefore + watch.Elapsed.TotalSeconds;
        var lastValidated = metrics.Validations.Count > 0 ? metrics.Validations[^1].Step : -1;

        while (step < config.Steps)
        {
            if (config.Minutes > 0 && Elapsed() >= config.Minutes * 60)
            {
                progress.Line($"time budget of {config.Minutes} min reached at step {step}.");
                break;
            }
            var lr = LearningRateSchedule.At(config, step);
            var stepWatch = Stopwatch.StartNew();
            var (loss, tokens, gradNorm) = TrainStep(model, optimizer, data.BatchesForStep(step), lr, config.GradientClip, modelConfig.VocabSize);
            step++;
            var tokensPerSecond = tokens / stepWatch.Elapsed.TotalSeconds;
            metrics.Steps.Add(new StepMetrics(step, loss, lr, tokensPerSecond, gradNorm));
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"loss became {loss} at step {step}; lower --lr or raise --warmup, and resume from the last checkpoint.");

            if (options.Interactive || step % config.LogEvery == 0 || step == config.Steps)
            {
                var eta = ProgressLine.Eta(watch.Elapsed.TotalSeconds, step - startStep, config.Steps - step, config.Minutes, Elapsed());
                progress.Update(step, config.Steps, loss, lr, tokensPerSecond, eta);
            }
            if (options.StopAfterStep == step)
                return new TrainResult(step, metrics, config.OutputDirectory, null, Completed: false);
            if (config.ValidationEvery > 0 && step % config.ValidationEvery == 0)
            {
                Validate(model, tokenizer, validation, config, step, metrics, progress);
                lastValidated = step;
            }
            if (config.CheckpointEvery > 0 && step % config.CheckpointEvery == 0)
                SaveCheckpoint(store, model, optimizer, config, step, Elapsed(), metrics, progress);
        }

        if (config.ValidationEvery > 0 && lastValidated != step) Validate(model, tokenizer, validation, config, step, metrics, progress);
        SaveCheckpoint(store, model, optimizer, config, step, Elapsed(), metrics, progress);
        var modelPath = Path.Combine(config.OutputDirectory, "model.gguf");
        ModelExport.Save(model, modelPath, config.ExportGgmlType);
        if (data.TooLong > 0) progress.Line($"note: {data.TooLong} drawn examples were longer than the context and were redrawn.");
        progress.Line($"done: {step} steps in {TimeSpan.FromSeconds(Elapsed()):h\\:mm\\:ss}, final loss {metrics.Steps.LastOrDefault()?.Loss:F4}; model → {modelPath} ({config.ExportType}, {new FileInfo(modelPath).Length / 1e6:F1} MB)");
        return new TrainResult(step, metrics, config.OutputDirectory, modelPath, Completed: true);
    }

    /// <summary>One optimiser step over all micro-batches: the loss is the mean over every assistant token of the
    /// step (each micro-batch's summed loss is divided by the step's total), so micro-batching does not reweight.</summary>
    static (double Loss, long Tokens, double GradNorm) TrainStep(LlamaModel model, RunOptimizer optimizer,
        IReadOnlyList<MicroBatch> batches, double lr, double clip, int vocab)
    {
        optimizer.ZeroGrad();
        var targets = batches.Sum(b => b.TargetCount);
        var tokens = batches.Sum(b => (long)b.Tokens); // padding is work, not throughput
        var loss = 0.0;
        using Scalar count = targets; // explicit: an implicit Scalar is freed on the finalizer thread, racing the native call using it
        foreach (var b in batches)
        {
            using var scope = NewDisposeScope();
            var input = tensor(b.Inputs).view(b.Rows, b.Columns);   // (B, T)
            var target = tensor(b.Targets).view(-1);                 // (B·T)
            var logits = model.Forward(input);                       // (B, T, V)
            var sum = nn.functional.cross_entropy(logits.view(-1, vocab), target, ignore_index: MicroBatch.Ignore,
                reduction: nn.Reduction.Sum);
            var part = sum / count;
            part.backward();
            loss += part.item<float>();
        }
        var norm = clip > 0 ? nn.utils.clip_grad_norm_(model.parameters(), clip) : double.NaN;
        optimizer.Step(lr);
        return (loss, tokens, norm);
    }

    static void Validate(LlamaModel model, SentencePieceTokenizer tokenizer, ValidationSet set, TrainConfig config, int step,
        TrainingMetrics metrics, ProgressLine progress)
    {
        if (set.Problems.Count == 0) return;
        var watch = Stopwatch.StartNew();
        var instant = set.Accuracy(model, tokenizer, TrainingMode.Instant, config.MaxAnswerTokens);
        var thinking = set.Accuracy(model, tokenizer, TrainingMode.Thinking, config.MaxThinkingTokens + config.MaxAnswerTokens);
        metrics.Validations.Add(new ValidationMetrics(step, instant.Accuracy, thinking.Accuracy, watch.Elapsed.TotalSeconds, thinking.ByTask));
        progress.Line($"step {step}: validation accuracy ({set.Problems.Count} problems, greedy) instant {instant.Accuracy:P1}, thinking {thinking.Accuracy:P1} [{watch.Elapsed.TotalSeconds:F1} s]");
        progress.Line("  thinking by task: " + string.Join(", ", thinking.ByTask.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:P0}")));
        var question = set.Problems[0];
        progress.Line($"  e.g. {question.Question} (expected {question.Answer})\n  instant → {Clip(instant.FirstReply)}\n  thinking → {Clip(thinking.FirstReply)}");
    }

    static string Clip(string reply) =>
        (reply.Length > 300 ? reply[..150] + " … " + reply[^150..] : reply).Replace("\n", "⏎");

    static void SaveCheckpoint(CheckpointStore store, LlamaModel model, RunOptimizer optimizer, TrainConfig config, int step,
        double elapsed, TrainingMetrics metrics, ProgressLine progress)
    {
        var tensors = new Dictionary<string, (long[], float[])>();
        foreach (var (name, p) in model.named_parameters()) tensors["model." + name] = HostTensors.Snapshot(p);
        foreach (var (name, t) in optimizer.State()) tensors[name] = HostTensors.Snapshot(t); // "adamw.…", "muon.…"
        store.Save(new Checkpoint(step, elapsed, config, metrics, tensors));
        Curves.Write(config.OutputDirectory, metrics);
    }

    static void Restore(LlamaModel model, RunOptimizer optimizer, Checkpoint checkpoint)
    {
        using var scope = NewDisposeScope(); // frees the optimiser state tensors made below
        (long[] Shape, float[] Data) Saved(string name) => checkpoint.Tensors.TryGetValue(name, out var t)
            ? t : throw new InvalidDataException($"the checkpoint has no tensor '{name}'; it was written for another model.");
        foreach (var (name, p) in model.named_parameters())
        {
            var (shape, data) = Saved("model." + name);
            HostTensors.CopyInto(p, data, shape);
        }
        optimizer.Restore(checkpoint.Step, optimizer.State().ToDictionary(s => s.Name, s =>
        {
            var (shape, data) = Saved(s.Name);
            return HostTensors.FromArray(data, shape);
        }));
    }

    static IReadOnlyList<DatasetItem>? LoadDataset(TrainConfig config, TextWriter log)
    {
        if (config.Dataset is null) return null;
        var policy = config.StopOnMalformedLines ? MalformedLinePolicy.Stop : MalformedLinePolicy.Skip;
        DatasetLoadResult result;
        try { result = JsonlDatasetLoader.Load(config.Dataset, DatasetAnswerFormat.Gsm8k, policy); }
        catch (DatasetFormatException e) { throw new TrainConfigException($"{e.Path}, {e.Line}; fix the line, or drop --stop-on-malformed to skip such lines and report them."); }
        foreach (var bad in result.Malformed.Take(10)) log.WriteLine($"warning: {config.Dataset} {bad} (skipped)");
        if (result.Malformed.Count > 10) log.WriteLine($"warning: … and {result.Malformed.Count - 10} more malformed lines skipped.");
        if (result.Items.Count == 0) throw new TrainConfigException($"dataset {config.Dataset} has no usable lines.");
        log.WriteLine($"dataset {config.Dataset}: {result.Items.Count} items, {result.Malformed.Count} malformed lines skipped.");
        return result.Items;
    }
}
