using Ponder.Engine;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;
using Ponder.Reasoning;
using Ponder.Tasks;

namespace Ponder.Training.Tests;

/// <summary>Export parity on trained models: each shipped model (models/ponder.gguf, the default; ponder-sft-v9.gguf,
/// ponder-sft-v8.gguf, ponder-sft-v7.gguf, ponder-sft-v6.gguf, ponder-sft-v5.gguf, ponder-sft-v4.gguf,
/// ponder-sft-v3.gguf and ponder-sft-v2.gguf, earlier defaults; ponder-sft.gguf, the SFT baseline the reports name;
/// ponder-rl-v5.gguf, ponder-rl-v4.gguf and ponder-rl-sigmoid.gguf, the thought-compressed models the card offers),
/// decoded greedily by TorchSharp and by llama.cpp through the engine and the reasoning layer (the path `ponder chat`
/// and `ponder serve` take), scores the same on held-out test problems. Quantisation and a different summation order
/// may flip a near-tie token now and then, so the scores must agree within a few problems, not exactly.
/// PONDER_PARITY_PER_LEVEL raises the problem count (the model card's figure uses 12 per trained level, 372
/// problems).</summary>
public sealed class ShippedModelParityTests(ITestOutputHelper output)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ponder.gguf")]
    [InlineData("ponder-sft-v9.gguf")]
    [InlineData("ponder-sft-v8.gguf")]
    [InlineData("ponder-sft-v7.gguf")]
    [InlineData("ponder-sft-v6.gguf")]
    [InlineData("ponder-sft-v5.gguf")]
    [InlineData("ponder-sft-v4.gguf")]
    [InlineData("ponder-sft-v3.gguf")]
    [InlineData("ponder-sft-v2.gguf")]
    [InlineData("ponder-sft.gguf")]
    [InlineData("ponder-rl-v5.gguf")]
    [InlineData("ponder-rl-v4.gguf")]
    [InlineData("ponder-rl-sigmoid.gguf")]
    public async Task Shipped_model_scores_the_same_greedy_in_TorchSharp_and_in_llama_cpp(string file)
    {
        var path = ShippedModel(file);
        var perLevel = int.TryParse(Environment.GetEnvironmentVariable("PONDER_PARITY_PER_LEVEL"), out var n) ? n : 1;
        var problems = TestProblems(perLevel);
        var tokenizer = new SentencePieceTokenizer(PonderVocabulary.Build());

        bool[] torchCorrect;
        using (var model = LlamaModel.Load(path))
        {
            torchCorrect = new ValidationSet(problems).Correct(model, tokenizer, TrainingMode.Thinking, MaxTokens + AnswerTokens);
        }

        await using var engine = InferenceLoop.Start(new EngineOptions(path, ContextSize: 8192, MaxSequences: 16, Threads: 2));
        var reasoner = Reasoner.For(engine);
        var llamaCorrect = new bool[problems.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, problems.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct },
            async (i, ct) =>
            {
                var request = ReasoningRequest.Ask(problems[i].Question) with
                { Temperature = 0, ThinkingBudget = MaxTokens, MaxAnswerTokens = AnswerTokens, WrapUp = null };
                var result = await reasoner.RunAsync(request, ct);
                llamaCorrect[i] = result.ThoughtEnd == ThoughtEnd.ClosedByModel && TaskRegistry.Default.Evaluate(problems[i], result.Answer).Correct;
            });

        int torch = torchCorrect.Count(c => c), llama = llamaCorrect.Count(c => c);
        var disagree = torchCorrect.Zip(llamaCorrect).Count(p => p.First != p.Second);
        output.WriteLine($"{file}: {problems.Count} test problems, greedy Thinking: TorchSharp {torch} correct ({(double)torch / problems.Count:P1}), " +
                         $"llama.cpp {llama} ({(double)llama / problems.Count:P1}); verdicts differ on {disagree}.");
        Assert.True(Math.Abs(torch - llama) <= Math.Max(2, problems.Count / 50),
            $"TorchSharp scored {torch}/{problems.Count}, llama.cpp {llama}/{problems.Count}");
        Assert.True(disagree <= Math.Max(3, problems.Count / 25), $"verdicts differ on {disagree} of {problems.Count} problems");
    }

    const int MaxTokens = 960, AnswerTokens = 32; // the column-work models think up to ~1,000 tokens on 4 × 4 digits

    /// <summary>Held-out test problems, <paramref name="perLevel"/> for every trained level of every task, seeded.</summary>
    static List<Problem> TestProblems(int perLevel)
    {
        var random = new Random(2026);
        return [.. from task in TaskRegistry.Default.All
                   from level in Enumerable.Range(task.Levels.Min, task.Levels.MaxTrained - task.Levels.Min + 1)
                   from i in Enumerable.Range(0, perLevel)
                   select task.Generate(level, random, Split.Test)];
    }

    static string ShippedModel(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "models", file);
            if (File.Exists(path)) return path;
        }
        Assert.Skip($"models/{file} is not in this checkout; nothing to compare.");
        return "";
    }
}
