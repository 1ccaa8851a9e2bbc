using Ponder.Training;
using Ponder.Training.Compression;

namespace Ponder.Cli;

/// <summary>`ponder export`: writes a Ponder model — an SFT run's newest good checkpoint (its full-precision weights)
/// or a Ponder GGUF — as a GGUF of the chosen weight type, so F16 and Q8_0 can be compared without retraining.</summary>
public static class ExportCommand
{
    public const string Usage = """
        usage: ponder export --from DIR|FILE.gguf --out FILE.gguf [--type F32|F16|Q8_0]

          --from   an SFT run directory (ponder train --out: its newest good checkpoint) or a Ponder GGUF file
          --out    the GGUF file to write (written to a temporary file, then renamed)
          --type   weight type of the 2-D matrices (norms stay F32); default Q8_0

        """;

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.Out.Write(Usage); return 0; }
        var options = CliOptions.Parse(args, ["--from", "--out", "--type"]);
        if (options.Positional.Count > 0) return Fail($"unexpected argument '{options.Positional[0]}'.\n{Usage}");
        string? from = options.StringOrNull("--from"), output = options.StringOrNull("--out");
        var type = options.String("--type", "Q8_0");
        if (from is null || output is null) return Fail($"--from and --out are required.\n{Usage}");
        try
        {
            var storeAs = new TrainConfig(ExportType: type).ExportGgmlType;
            if (Path.GetFullPath(output) == Path.GetFullPath(from))
                return Fail($"--out {output} is the --from file; write to another path.");
            var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
            if (!Directory.Exists(directory)) return Fail($"--out {output}: the folder {directory} does not exist.");
            using var model = StartingModel.Load(from, Console.Error);
            ModelExport.Save(model, output, storeAs);
            Console.Error.WriteLine($"ponder export: {model.Config.ParameterCount / 1e6:F2}M parameters as {storeAs}, {new FileInfo(output).Length:N0} bytes.");
            Console.Out.WriteLine(output);
            return 0;
        }
        catch (TrainConfigException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"--out {output}: cannot be written: {e.Message}");
        }
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"ponder export: {message}");
        return 1;
    }
}
