using LLama;
using LLama.Common;
using LLama.Native;
using Ponder.Gguf;
using Ponder.Model.Tokenizer;

namespace Ponder.Model.Tests;

public sealed class TinyLlamaFileTests
{
    [Fact]
    public void Writes_a_ponder_gguf_that_llama_header_accepts_and_llama_cpp_runs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ponder-tiny-load-{Guid.NewGuid():N}.gguf");
        try
        {
            TinyLlamaFile.SavePonder(path);
            using (var file = GgufFile.Open(path))
            {
                var header = LlamaHeader.Read(file);
                Assert.Equal((TinyLlamaFile.Embedding, TinyLlamaFile.Blocks), (header.EmbeddingLength, header.BlockCount));
            }
            using var llamaCpp = new Ponder.Model.Tests.Tokenizer.LlamaCppTokenizer(path); // quiets the native log before the full load
            QuietLlamaCpp.Install();
        using var weights = LLamaWeights.LoadFromFile(new ModelParams(path) { GpuLayerCount = 0 });
            Assert.Equal(TinyLlamaFile.Blocks, weights.NativeHandle.LayerCount);
            Assert.Equal(llamaCpp.Count, weights.NativeHandle.Vocab.Count);
            var end = PonderVocabulary.Build().Id(PonderChatFormat.End);
            Assert.Equal(end, (int?)weights.NativeHandle.Vocab.EOT);

            // One forward pass over a prompt: the tensors are all there and the right shapes.
            var prompt = llamaCpp.Encode(PonderChatFormat.Prompt("2+2?"), addSpecial: true, parseSpecial: true);
            using var context = weights.CreateContext(new ModelParams(path) { ContextSize = TinyLlamaFile.Context, GpuLayerCount = 0 });
            var batch = new LLamaBatch();
            for (var i = 0; i < prompt.Length; i++) batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
            Assert.Equal(DecodeResult.Ok, context.NativeHandle.Decode(batch));
            var logits = context.NativeHandle.GetLogitsIth(prompt.Length - 1);
            Assert.Equal(llamaCpp.Count, logits.Length);
            Assert.All(logits.ToArray(), l => Assert.True(float.IsFinite(l)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
