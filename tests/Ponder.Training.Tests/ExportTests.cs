using Ponder.Model.Llama;
using Ponder.Model.Tests.Llama;
using Ponder.Model.Tokenizer;
using static TorchSharp.torch;

namespace Ponder.Training.Tests;

public sealed class ExportTests
{
    [Fact]
    public void Llama_cpp_runs_the_exported_model_and_computes_the_same_logits_on_a_chat_prompt()
    {
        using var run = new TinyRun();
        var result = run.Run(run.Config(steps: 3, checkpointEvery: 0));
        var tokenizer = new SentencePieceTokenizer(PonderVocabulary.Build());
        var prompt = tokenizer.Encode(PonderChatFormat.Prompt("What is 12 + 7?") + "12+7", addSpecial: true, parseSpecial: true);

        using var model = LlamaModel.Load(result.ModelPath!);
        using var ours = model.Forward(tensor(prompt.Select(t => (long)t).ToArray()).view(1, -1)); // (1, T, V)
        using var llama = new LlamaCpp(result.ModelPath!);
        var theirs = llama.Logits(prompt);
        var expected = ours[0].data<float>().ToArray();
        var maxDiff = 0f;
        for (var t = 0; t < prompt.Length; t++)
            for (var v = 0; v < llama.VocabSize; v++)
                maxDiff = Math.Max(maxDiff, Math.Abs(expected[t * llama.VocabSize + v] - theirs[t][v]));
        Assert.True(maxDiff < 1e-3, $"max |logit difference| {maxDiff}");
    }
}
