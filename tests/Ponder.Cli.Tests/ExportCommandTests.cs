using Ponder.Gguf;
using Ponder.Model.Llama;

namespace Ponder.Cli.Tests;

public sealed class ExportCommandTests
{
    static string Output(string name) => Path.Combine(Directory.CreateTempSubdirectory("ponder-export-").FullName, name);

    [Fact]
    public async Task A_ponder_gguf_is_written_as_Q8_0_with_the_same_shapes_and_weights_within_a_quantisation_step()
    {
        var output = Output("model-q8_0.gguf");
        var run = await CliRun.InProcess("export", "--from", ChatModels.Ponder, "--out", output, "--type", "q8_0");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(output, run.Out.Trim());

        using var source = GgufFile.Open(ChatModels.Ponder);
        using var written = GgufFile.Open(output);
        Assert.Equal(source.Tensors.Select(t => (t.Name, t.ShapeText)), written.Tensors.Select(t => (t.Name, t.ShapeText)));
        Assert.Contains(written.Tensors, t => t.Type == GgmlType.Q8_0);
        Assert.All(written.Tensors.Where(t => t.Shape.Length == 1), t => Assert.Equal(GgmlType.F32, t.Type));

        using var before = LlamaModel.Load(source);
        using var after = LlamaModel.Load(written);
        var a = before.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in after.named_parameters())
        {
            var difference = (p - a[name]).abs().max().item<float>();
            var step = a[name].abs().max().item<float>() / 127f; // Q8_0: at most half of a block's scale, amax / 127
            Assert.True(difference <= step, $"{name}: max difference {difference} above {step}");
        }
    }

    [Theory]
    [InlineData("F4", "export type 'F4' is not supported; use F32, F16 or Q8_0.")]
    public async Task An_unknown_weight_type_is_refused_naming_the_valid_ones(string type, string message)
    {
        var run = await CliRun.InProcess("export", "--from", ChatModels.Ponder, "--out", Output("x.gguf"), "--type", type);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task A_missing_source_a_missing_option_and_a_corrupt_file_each_fail_clearly_writing_nothing()
    {
        var output = Output("x.gguf");
        var missing = await CliRun.InProcess("export", "--from", "no/such/model.gguf", "--out", output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--from no/such/model.gguf: no such file or directory", missing.Error);

        var noOut = await CliRun.InProcess("export", "--from", ChatModels.Ponder);
        Assert.Equal(1, noOut.ExitCode);
        Assert.Contains("--from and --out are required", noOut.Error);

        var corrupt = await CliRun.InProcess("export", "--from", ChatModels.Truncated(0.5), "--out", output);
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("not a valid GGUF file", corrupt.Error);

        var same = await CliRun.InProcess("export", "--from", ChatModels.Ponder, "--out", ChatModels.Ponder);
        Assert.Equal(1, same.ExitCode);
        Assert.Contains("is the --from file", same.Error);

        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!));
    }
}
