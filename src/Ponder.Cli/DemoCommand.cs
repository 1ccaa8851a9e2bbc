using System.Diagnostics;
using Ponder.Engine;
using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using EngineSampling = Ponder.Engine.SamplingOptions;
using TorchSampling = Ponder.Model.Llama.SamplingOptions;

namespace Ponder.Cli;

/// <summary>`ponder demo`: the pipeline end to end on a model small enough to make in a second. Builds a
/// random-weight Ponder model (depth knob), saves it as GGUF with Ponder's vocabulary and chat template, then
/// continues one chat prompt greedily twice — in TorchSharp and in the embedded llama.cpp engine — and shows that
/// both produced the same tokens. The weights are random, so the text is noise; what it shows is that Ponder's
/// files, tokenizer and model are the standard ones llama.cpp runs.
/// Run: ./ponder demo [--depth 4] [--tokens 48] [--out artifacts/demo]</summary>
static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CliOptions.Parse(args, ["--depth", "--tokens", "--out", "--seed"]);
        var depth = options.Int("--depth", 4, min: 2, max: 16);
        var count = options.Int("--tokens", 48, min: 1, max: 512);
        var seed = options.Int("--seed", 1, min: 0, max: int.MaxValue);
        var outDir = options.String("--out", Path.Combine("artifacts", "demo"));
        Directory.CreateDirectory(outDir);
        var path = Path.GetFullPath(Path.Combine(outDir, $"ponder-d{depth}-random.gguf"));

        var vocabulary = PonderVocabulary.Build();
        var tokenizer = new SentencePieceTokenizer(vocabulary);
        var config = LlamaConfig.FromDepth(depth, vocabulary.Count, contextLength: 512);
        using var model = LlamaModel.Random(config, seed);
        var keys = new GgufMetadata();
        PonderVocabulary.WriteTo(keys);
        model.Save(path, keys, GgmlType.F32, name: $"ponder-d{depth}-random");
        Console.WriteLine($"model     depth {depth}: {config.Blocks} blocks, width {config.Dim}, {config.Heads} heads / {config.KvHeads} KV heads, {config.ParameterCount / 1e6:F2}M parameters, {vocabulary.Count}-token vocabulary");
        Console.WriteLine($"saved     {path} ({new FileInfo(path).Length / 1024.0:F0} KiB, GGUF v3)");

        const string question = "What is 347 + 589?";
        var prompt = tokenizer.Encode(PonderChatFormat.Prompt(question), addSpecial: true, parseSpecial: true);
        Console.WriteLine($"prompt    {question}  → {prompt.Length} tokens in Ponder's chat format");

        var watch = Stopwatch.StartNew();
        using var sampler = new LlamaSampler(TorchSampling.Greedy);
        var torchTokens = model.Generate([prompt], count, sampler)[0];
        var torchTime = watch.Elapsed;

        await using var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: 512, MaxSequences: 1, BatchSize: 512));
        watch.Restart();
        var result = await engine.Generate(GenerationRequest.FromTokens(prompt,
            EngineSampling.Greedy with { MaxTokens = count, IgnoreEos = true })).CollectAsync();
        var engineTime = watch.Elapsed;
        var engineTokens = result.Tokens.ToArray();

        Console.WriteLine($"TorchSharp {torchTime.TotalMilliseconds,6:F0} ms  {Show(tokenizer, torchTokens)}");
        Console.WriteLine($"llama.cpp  {engineTime.TotalMilliseconds,6:F0} ms  {Show(tokenizer, engineTokens)}");
        var same = torchTokens.SequenceEqual(engineTokens);
        Console.WriteLine(same
            ? $"identical: the two engines produced the same {count} tokens (random weights, so the text itself is noise)."
            : $"MISMATCH: the engines diverged at token {torchTokens.Zip(engineTokens).TakeWhile(p => p.First == p.Second).Count()}.");
        Console.WriteLine($"next      ./ponder inspect {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
        return same ? 0 : 1;
    }

    static string Show(SentencePieceTokenizer tokenizer, int[] tokens)
    {
        var text = tokenizer.Decode(tokens, renderSpecial: true).ReplaceLineEndings("⏎");
        return text.Length > 70 ? text[..70] + "…" : text;
    }
}
