using Ponder.Gguf;
using Ponder.Model.Llama;

namespace Ponder.Model.Tests.Llama;

public sealed class GgufRoundTripTests
{
    [Fact]
    public void Model_saved_as_F32_loads_back_with_identical_weights_and_config()
    {
        var config = TestModels.Gqa with { TiedOutput = true };
        var path = Path.Combine(Path.GetTempPath(), $"ponder-roundtrip-{Guid.NewGuid():N}.gguf");
        try
        {
            using var model = LlamaModel.Random(config, seed: 5);
            model.Save(path, new GgufMetadata());
            using var loaded = LlamaModel.Load(path);

            Assert.Equal(config, loaded.Config);
            var expected = model.named_parameters().ToList();
            var actual = loaded.named_parameters().ToList();
            Assert.Equal(expected.Select(p => p.name), actual.Select(p => p.name));
            foreach (var ((name, a), (_, b)) in expected.Zip(actual))
            {
                Assert.Equal(a.shape, b.shape);
                Assert.True(a.data<float>().ToArray().AsSpan().SequenceEqual(b.data<float>().ToArray()), $"{name} differs after the round trip");
            }
        }
        finally { File.Delete(path); }
    }

    /// <summary>Approval test: the GGUF tensor list (name, type, ggml shape) of a depth-4 Ponder model saved as Q8_0.
    /// On a mismatch the received list is written beside the approved file; review it and copy it over if right.</summary>
    [Fact]
    public void Depth_4_model_has_the_approved_tensor_list()
    {
        var config = LlamaConfig.FromDepth(4, vocabSize: 512);
        var path = Path.Combine(Path.GetTempPath(), $"ponder-approval-{Guid.NewGuid():N}.gguf");
        try
        {
            using (var model = new LlamaModel(config)) model.Save(path, new GgufMetadata(), GgmlType.Q8_0);
            using var file = GgufFile.Open(path);
            var lines = new List<string> { $"# {config}", $"# parameters: {config.ParameterCount:N0}" };
            lines.AddRange(file.Tensors.Select(t => $"{t.Name,-26} {t.Type,-5} {t.ShapeText}"));
            var received = string.Join('\n', lines) + "\n";

            var approvedPath = Path.Combine(AppContext.BaseDirectory, "Llama", "FromDepth4.approved.txt");
            var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
            if (approved != received)
            {
                var receivedPath = Path.Combine(SourceDirectory(), "FromDepth4.received.txt");
                File.WriteAllText(receivedPath, received);
                Assert.Fail($"tensor list differs from the approved one; see {receivedPath}");
            }
            Assert.Equal(config.ParameterCount, file.Tensors.Sum(t => t.ElementCount));
        }
        finally { File.Delete(path); }
    }

    static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
