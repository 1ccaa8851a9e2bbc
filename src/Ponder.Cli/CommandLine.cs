using Ponder.Gguf;

namespace Ponder.Cli;

/// <summary>Dispatches `ponder COMMAND …` to the stage that runs it. Each command's errors end as one line
/// on stderr and a non-zero exit code, never a stack trace.</summary>
public static class CommandLine
{
    const string Usage = """
        usage: ponder COMMAND [ARGS]

          chat [QUESTION]  answer a question (or, without one, a conversation) in instant, thinking or contemplating mode
          compress         thought compression: RL that shortens a model's reasoning (ponder compress --help)
          demo             make a small random Ponder model, save it as GGUF, run it in TorchSharp and llama.cpp
          eval             the Ponder Index: accuracy and tokens per model × mode over task suites and datasets (eval --help)
          export           write a trained model (run directory or GGUF) as F32, F16 or Q8_0 GGUF (export --help)
          inspect FILE     print a GGUF file's metadata and tensor table (validates it first)
          serve            OpenAI-compatible API + web chat page: --model FILE.gguf [--port 8080] [--bind 127.0.0.1]
          train [OPTIONS]  train a reasoning model from scratch (ponder train --help)

        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "chat" => await ChatCommand.RunAsync(args[1..]),
                "compress" => CompressCommand.Run(args[1..]),
                "demo" => await DemoCommand.RunAsync(args[1..]),
                "eval" => await EvalCommand.RunAsync(args[1..]),
                "export" => ExportCommand.Run(args[1..]),
                "inspect" => Inspect(args[1..]),
                "serve" => await ServeCommand.RunAsync(args[1..]),
                "train" => TrainCommand.Run(args[1..]),
                _ => Fail($"unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (GgufFormatException e)
        {
            return Fail($"invalid GGUF file: {e.Message}");
        }
        catch (CliUsageException e)
        {
            return Fail(e.Message);
        }
    }

    static int Inspect(string[] args)
    {
        if (args.Length != 1) return Fail("usage: ponder inspect FILE");
        using var file = GgufFile.Open(args[0]);
        Console.Out.Write(GgufInspector.Describe(file));
        if (file.Metadata.TryGet("general.architecture", out var arch) && arch.Value is LlamaHeader.Architecture)
        {
            var h = LlamaHeader.Read(file);
            Console.Out.WriteLine($"\nllama: {h.BlockCount} blocks, {h.EmbeddingLength}-dim embeddings, {h.HeadCount} heads / {h.HeadCountKv} KV heads (head size {h.HeadDim}), feed-forward {h.FeedForwardLength}, {h.VocabSize} tokens, context {h.ContextLength}, {(h.TiedOutput ? "tied" : "separate")} output");
        }
        return 0;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"ponder: {message}");
        return 1;
    }
}
