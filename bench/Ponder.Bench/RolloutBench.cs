using System.Diagnostics;
using Ponder.Model.Tokenizer;
using Ponder.Training;
using Ponder.Training.Compression;
using static TorchSharp.torch;

namespace Ponder.Bench;

/// <summary>The sampling half of a `ponder compress` step on its own: Rollout.Run (prompts × group samples in Thinking
/// mode at temperature 1, one TorchSharp batch with the KV cache) on a Ponder model, for the same steps (prompts and
/// seeds) as a compress run with seed 1. Prints seconds and sampled tokens per step; compare builds by running them
/// one after the other on the same steps.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- rollout [--model models/ponder-sft.gguf] [--steps 8] [--threads 1] [--prompts 4] [--group 16] [--max-thinking 320]</summary>
public static class RolloutBench
{
    public const string Summary = "compress's sampling step (prompts × group at temperature 1, TorchSharp KV cache): seconds per step";

    public static Task<int> Run(string[] argv)
    {
        var a = new BenchArgs(argv);
        var config = new CompressConfig(From: a.Get("model", "models/ponder-sft.gguf"), PromptsPerStep: a.Int("prompts", 4),
            GroupSize: a.Int("group", 16), MaxThinkingTokens: a.Int("max-thinking", 320), Seed: 1);
        int steps = a.Int("steps", 8), threads = a.Int("threads", 1);
        set_num_threads(threads);
        using var model = StartingModel.Load(config.From, TextWriter.Null);
        var rollout = new Rollout(model, new SentencePieceTokenizer(PonderVocabulary.Build()), config);
        var prompts = new PromptStream(TaskMix.Parse(config.Tasks), config.Seed, config.PromptsPerStep);
        Console.WriteLine($"rollout: {config.From}, {config.PromptsPerStep} prompts × {config.GroupSize}, thinking ≤ {config.MaxThinkingTokens}, threads {threads}");
        double total = 0;
        long tokens = 0;
        for (var step = 0; step < steps; step++)
        {
            var clock = Stopwatch.StartNew();
            var samples = rollout.Run(prompts.ProblemsForStep(step), prompts.SamplingSeedForStep(step));
            var seconds = clock.Elapsed.TotalSeconds;
            var sampled = samples.Sum(s => s.Completion.Length);
            var longest = samples.Max(s => s.Completion.Length);
            Console.WriteLine($"step {step}: {seconds:0.00} s, {sampled} tokens (longest {longest}), {sampled / seconds:0} tok/s");
            total += seconds;
            tokens += sampled;
        }
        Console.WriteLine($"total: {total:0.00} s for {tokens} tokens, {tokens / total:0} tok/s");
        return Task.FromResult(0);
    }
}
