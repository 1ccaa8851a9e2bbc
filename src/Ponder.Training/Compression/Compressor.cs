using System.Diagnostics;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using TorchSharp;
using static TorchSharp.torch;

namespace Ponder.Training.Compression;

/// <summary>What a compression run produced.</summary>
public sealed record CompressResult(int Step, CompressMetrics Metrics, string OutputDirectory, string? ModelPath, bool Completed);

/// <summary>Thought compression: GRPO from the SFT model with a reasoning-length penalty on correct samples, so the
/// model learns to reach the same answers with fewer thinking tokens.
/// <para>Each step samples GroupSize completions of PromptsPerStep training problems in Thinking mode (temperature
/// sampling, KV cache), scores them with the tasks' Evaluate, rewards r = 1{correct}·(1 − α·penalty(length)) with the
/// penalty measured within the group's correct samples (<see cref="GroupReward"/>), takes advantages as reward minus
/// the group mean, skips groups with no spread, and makes one AdamW step on the token-level policy-gradient loss
/// (<see cref="PolicyLoss"/>). Greedy Thinking and Instant accuracy and reasoning tokens on a fixed validation set are
/// measured at step 0 (the SFT baseline) and every EvalEvery steps.</para>
/// <para>Departures from the GRPO paper recipe: no KL term and no ratio clipping by default (one on-policy update per
/// batch, where the ratio is 1; both are options); no std division in the advantage and token-level loss
/// normalisation (Dr. GRPO); a constant learning rate unless --min-lr-fraction sets a cosine decay; the length penalty applies to correct samples only (Arora &amp;
/// Zanette), with an optional warm-up then linear ramp of α.</para>
/// Run: ponder compress --from runs/sft --out runs/compress --steps 200 --alpha 0.2</summary>
public static class Compressor
{
    public static CompressResult Run(CompressConfig config, TrainOptions? options = null)
    {
        options ??= new TrainOptions();
        var log = options.Log ?? Console.Error;
        var store = new CheckpointStore(config.OutputDirectory, log);
        var checkpoint = store.ForRun(options.Resume, CompressCheckpoint.Read, c => c.Step, $"from {config.From}");
        // A resumed run keeps the configuration it was started with; only its length may change.
        if (checkpoint is not null)
            config = checkpoint.Config with { Steps = config.Steps, Minutes = config.Minutes, OutputDirectory = config.OutputDirectory };

        config.Validate();
        var mix = TaskMix.Parse(config.Tasks);
        var tokenizer = new SentencePieceTokenizer(PonderVocabulary.Build());
        torch.set_num_threads(config.Threads > 0 ? config.Threads : Environment.ProcessorCount);

        using var model = checkpoint is null ? StartingModel.Load(config.From, log) : new LlamaModel(checkpoint.Model);
        using var reference = config.KlCoefficient > 0 ? new LlamaModel(model.Config) : null;
        var parameters = model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        using var optimizer = new AdamW(parameters, config.Beta1, config.Beta2, config.WeightDecay);
        var metrics = new CompressMetrics();
        var step = 0;
        var elapsedBefore = 0.0;
        if (checkpoint is not null)
        {
            StartingModel.Copy(model, checkpoint.Tensors, "model.", "checkpoint");
            RestoreOptimizer(optimizer, checkpoint);
            if (reference is not null) StartingModel.Copy(reference, checkpoint.Tensors, "reference.", "checkpoint");
            step = checkpoint.Step;
            elapsedBefore = checkpoint.ElapsedSeconds;
            metrics = checkpoint.Metrics;
            metrics.TruncateAfter(step);
        }
        else if (reference is not null) CopyWeights(model, reference);

        var longestPrompt = PromptLengthBound(mix, tokenizer);
        if (longestPrompt + config.MaxThinkingTokens + config.MaxAnswerTokens > model.Config.ContextLength)
            throw new TrainConfigException($"a prompt (up to ~{longestPrompt} tokens) plus --max-thinking-tokens {config.MaxThinkingTokens} and --max-answer-tokens " +
                $"{config.MaxAnswerTokens} exceeds the model's context of {model.Config.ContextLength}; lower --max-thinking-tokens.");

        log.WriteLine($"ponder compress: {model.Config.ParameterCount / 1e6:F2}M parameters (dim {model.Config.Dim}, {model.Config.Blocks} blocks, context {model.Config.ContextLength}); " +
                      $"tasks {mix}; {config.PromptsPerStep} prompts × {config.GroupSize} samples per step");
        log.WriteLine(config.Describe());
        Directory.CreateDirectory(config.OutputDirectory);
        AtomicFile.WriteAllText(Path.Combine(config.OutputDirectory, "config.json"), config.ToJson());

        var prompts = new PromptStream(mix, config.Seed, config.PromptsPerStep);
        var rollout = new Rollout(model, tokenizer, config);
        var validation = ValidationSet.Build(mix, config.EvalProblems, config.Seed);
        var progress = new ProgressLine(log, options.Interactive);
        var watch = Stopwatch.StartNew();
        var startStep = step;
        double Elapsed() => elapsedBefore + watch.Elapsed.TotalSeconds;
        if (metrics.Baseline is null) Evaluate(model, tokenizer, validation, config, 0, metrics, progress);
        var lastEvaluated = metrics.Evaluations.Count > 0 ? metrics.Evaluations[^1].Step : -1;

        while (step < config.Steps)
        {
            if (config.Minutes > 0 && Elapsed() >= config.Minutes * 60)
            {
                progress.Line($"time budget of {config.Minutes} min reached at step {step}.");
                break;
            }
            var m = Step(model, reference, optimizer, rollout, prompts, config, step, progress);
            step++;
            metrics.Steps.Add(m);
            if (!double.IsFinite(m.Loss))
                throw new InvalidOperationException($"the loss became {m.Loss} at step {step}; lower --lr and resume from the last checkpoint.");

            if (options.Interactive || step % config.LogEvery == 0 || step == config.Steps)
            {
                var eta = ProgressLine.Eta(watch.Elapsed.TotalSeconds, step - startStep, config.Steps - step, config.Minutes, Elapsed());
                progress.Update(step, config.Steps,
                    $"reward {m.Reward:F3}  acc {m.Accuracy:P0}  think {m.MeanReasoningTokens:F0} tok  answer {m.MeanAnswerTokens:F0}  " +
                    $"H {m.Entropy:F2}  skipped {m.GroupsSkipped}/{m.Groups}  α {m.Alpha:G2}  {m.TokensPerSecond:F0} tok/s  {m.StepSeconds:F1} s/step ({m.CpuSeconds:F1} s CPU)", eta);
            }
            if (options.StopAfterStep == step)
                return new CompressResult(step, metrics, config.OutputDirectory, null, Completed: false);
            if (config.EvalEvery > 0 && step % config.EvalEvery == 0)
            {
                Evaluate(model, tokenizer, validation, config, step, metrics, progress);
                lastEvaluated = step;
            }
            if (config.CheckpointEvery > 0 && step % config.CheckpointEvery == 0)
                SaveCheckpoint(store, model, reference, optimizer, config, step, Elapsed(), metrics);
        }

        if (lastEvaluated != step) Evaluate(model, tokenizer, validation, config, step, metrics, progress);
        SaveCheckpoint(store, model, reference, optimizer, config, step, Elapsed(), metrics);
        var modelPath = Path.Combine(config.OutputDirectory, "model.gguf");
        ModelExport.Save(model, modelPath, config.ExportGgmlType);
        var (first, last) = (metrics.Baseline, metrics.Evaluations.LastOrDefault());
        var change = first is null || last is null ? "" : $"; validation Thinking accuracy {first.ThinkingAccuracy:P1} → {last.ThinkingAccuracy:P1}, " +
            $"reasoning tokens {first.MeanReasoningTokens:F1} → {last.MeanReasoningTokens:F1}";
        progress.Line($"done: {step} steps in {TimeSpan.FromSeconds(Elapsed()):h\\:mm\\:ss}{change}; " +
                      $"model → {modelPath} ({config.ExportType}, {new FileInfo(modelPath).Length / 1e6:F1} MB)");
        return new CompressResult(step, metrics, config.OutputDirectory, modelPath, Completed: true);
    }

    /// <summary>One RL step: sample, score, reward, advantage, then Epochs optimiser steps on the token-level loss.</summary>
    static CompressStepMetrics Step(LlamaModel model, LlamaModel? reference, AdamW optimizer, Rollout rollout, PromptStream prompts,
        CompressConfig config, int step, ProgressLine progress)
    {
        var stepWatch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var problems = prompts.ProblemsForStep(step);
        var samples = rollout.Run(problems, prompts.SamplingSeedForStep(step));
        var sampleSeconds = stepWatch.Elapsed.TotalSeconds;

        var alpha = config.AlphaAt(step);
        var rows = new List<(Sample, double)>();
        var rewards = new List<double>();
        var skipped = 0;
        foreach (var group in samples.GroupBy(s => s.Group))
        {
            var members = group.ToList();
            // The reward: correctness from the task's Evaluate, less the length term on correct samples.
            var r = GroupReward.Compute(members.Select(s => (s.Correct, s.ReasoningTokens)).ToList(), alpha, config.Reward);
            rewards.AddRange(r);
            if (GroupAdvantage.Compute(r) is not { } advantages) { skipped++; continue; }
            for (var i = 0; i < members.Count; i++) rows.Add((members[i], advantages[i]));
        }

        double loss = 0, gradNorm = double.NaN, entropy = double.NaN, kl = double.NaN;
        if (rows.Count > 0)
        {
            var batches = PolicyBatch.Split(rows, config.MicroBatchTokens);
            var totalTokens = batches.Sum(b => b.TargetCount);
            var needOld = config.Epochs > 1 || config.ClipEpsilon > 0;
            var old = needOld ? batches.Select(b => LogProbsNoGrad(model, b, config.Temperature)).ToList() : null;
            var refs = reference is not null ? batches.Select(b => LogProbsNoGrad(reference, b, config.Temperature)).ToList() : null;
            try
            {
                for (var epoch = 0; epoch < config.Epochs; epoch++)
                {
                    optimizer.ZeroGrad();
                    double epochLoss = 0, entropySum = 0, klSum = 0;
                    for (var i = 0; i < batches.Count; i++)
                    {
                        using var scope = NewDisposeScope();
                        var part = PolicyLoss.Compute(model, batches[i], config.Temperature, totalTokens, old?[i], refs?[i],
                            config.KlCoefficient, config.ClipEpsilon);
                        part.Loss.backward();
                        epochLoss += part.Loss.item<float>();
                        entropySum += part.EntropySum;
                        klSum += part.KlSum;
                    }
                    gradNorm = config.GradientClip > 0 ? nn.utils.clip_grad_norm_(model.parameters(), config.GradientClip) : double.NaN;
                    optimizer.Step(config.LearningRateAt(step));
                    if (epoch == 0) (loss, entropy, kl) = (epochLoss, entropySum / totalTokens, refs is null ? double.NaN : klSum / totalTokens);
                }
            }
            finally
            {
                foreach (var t in (old ?? []).Concat(refs ?? [])) t.Dispose();
            }
        }

        var correct = samples.Where(s => s.Correct).ToList();
        var sampled = samples.Sum(s => s.Completion.Length);
        if (step == 0) progress.Line($"e.g. {rollout.Text(samples[0]).Replace("\n", "⏎")}");
        return new CompressStepMetrics(step + 1, rewards.Average(), (double)correct.Count / samples.Count,
            samples.Average(s => s.ReasoningTokens), correct.Count > 0 ? correct.Average(s => s.ReasoningTokens) : double.NaN,
            samples.Average(s => s.AnswerTokens), entropy, skipped, problems.Count, loss, gradNorm, kl, alpha,
            sampled / sampleSeconds, sampleSeconds, stepWatch.Elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    static Tensor LogProbsNoGrad(LlamaModel model, PolicyBatch batch, double temperature)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (logProbs, _) = PolicyLoss.LogProbs(model, batch, temperature);
        return logProbs.DetachFromDisposeScope();
    }

    static void Evaluate(LlamaModel model, SentencePieceTokenizer tokenizer, ValidationSet set, CompressConfig config, int step,
        CompressMetrics metrics, ProgressLine progress)
    {
        if (set.Problems.Count == 0) return;
        var watch = Stopwatch.StartNew();
        var thinking = set.Accuracy(model, tokenizer, TrainingMode.Thinking, config.MaxThinkingTokens + config.MaxAnswerTokens);
        var instant = set.Accuracy(model, tokenizer, TrainingMode.Instant, config.MaxAnswerTokens);
        metrics.Evaluations.Add(new CompressEvalMetrics(step, thinking.Accuracy, thinking.MeanReasoningTokens,
            thinking.MeanReasoningTokensCorrect, instant.Accuracy, watch.Elapsed.TotalSeconds));
        var label = step == 0 ? "SFT baseline" : $"step {step}";
        progress.Line($"{label}: validation ({set.Problems.Count} problems, greedy) thinking {thinking.Accuracy:P1} with {thinking.MeanReasoningTokens:F1} reasoning tokens " +
                      $"({thinking.MeanReasoningTokensCorrect:F1} per correct answer), instant {instant.Accuracy:P1} [{watch.Elapsed.TotalSeconds:F1} s]");
        progress.Line("  thinking by task: " + string.Join(", ", thinking.ByTask.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value:P0}")));
    }

    /// <summary>An upper bound on prompt length: the longest question of a sample of each task entry at its top level.</summary>
    static int PromptLengthBound(TaskMix mix, SentencePieceTokenizer tokenizer)
    {
        var random = new Random(1);
        return mix.Entries.Max(e => Enumerable.Range(0, 20)
            .Max(_ => tokenizer.Encode(PonderChatFormat.Prompt(e.Task.Generate(e.MaxLevel, random).Question), true, true).Length));
    }

    static void SaveCheckpoint(CheckpointStore store, LlamaModel model, LlamaModel? reference, AdamW optimizer, CompressConfig config,
        int step, double elapsed, CompressMetrics metrics)
    {
        var tensors = new Dictionary<string, (long[], float[])>();
        foreach (var (name, p) in model.named_parameters()) tensors["model." + name] = HostTensors.Snapshot(p);
        foreach (var (name, t) in optimizer.State()) tensors["adamw." + name] = HostTensors.Snapshot(t);
        if (reference is not null)
            foreach (var (name, p) in reference.named_parameters()) tensors["reference." + name] = HostTensors.Snapshot(p);
        var checkpoint = new CompressCheckpoint(step, optimizer.Steps, elapsed, config, model.Config, metrics, tensors);
        store.Save(step, checkpoint.Write);
        CompressCurves.Write(config.OutputDirectory, metrics);
    }

    static void RestoreOptimizer(AdamW optimizer, CompressCheckpoint checkpoint)
    {
        using var scope = NewDisposeScope(); // frees the state tensors made below
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, _) in optimizer.State())
        {
            if (!checkpoint.Tensors.TryGetValue("adamw." + name, out var t))
                throw new InvalidDataException($"the checkpoint has no optimiser state '{name}'; it was written for another model.");
            state[name] = HostTensors.FromArray(t.Data, t.Shape);
        }
        optimizer.Restore(checkpoint.OptimizerSteps, state);
    }

    static void CopyWeights(LlamaModel from, LlamaModel to)
    {
        using var noGrad = no_grad();
        var source = from.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in to.named_parameters()) p.copy_(source[name]);
    }
}
