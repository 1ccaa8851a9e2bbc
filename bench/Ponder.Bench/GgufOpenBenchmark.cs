using System.Runtime.InteropServices;
using Ponder.Gguf;

namespace Ponder.Bench;

/// <summary>Time to open and validate a ~100 MB llama GGUF: GgufFile.Open (memory map + header parse + tensor
/// placement checks), the header parse alone (GgufFile.Parse over bytes already in memory), and LlamaHeader.Read
/// (required keys and every tensor's shape) on an open file. The file is generated with GgufWriter in a temp
/// directory: F16 weights, F32 norms, a 32,000-token SentencePiece-style vocabulary, 46 blocks (417 tensors).
/// The file is in the page cache after writing, so these are warm-cache figures; Open maps the data but
/// never reads it, so its time does not grow with the tensor bytes.
/// Run: dotnet run -c Release --project bench/Ponder.Bench -- gguf-open [--runs 51] [--keep]</summary>
public static class GgufOpenBenchmark
{
    public const string Summary = "open + validate a generated 100 MB llama GGUF (32k vocab, 417 tensors)";

    public sealed record Config(
        // Model shape (llama layout; sized so the file is ~100 MB with F16 weights)
        int Vocab = 32_000, int Embedding = 256, int Blocks = 46, int FeedForward = 704, int Heads = 8, int HeadsKv = 4,
        // Measurement
        int Runs = 51, bool Keep = false);

    public static int Run(string[] args)
    {
        var config = new Config(Runs: Option(args, "--runs", 51), Keep: args.Contains("--keep"));
        Console.WriteLine($"gguf-open: {config}");
        var directory = Directory.CreateTempSubdirectory("ponder-bench-").FullName;
        var path = Path.Combine(directory, "llama-100mb.gguf");
        try
        {
            var written = BenchTiming.Measure(() => Build(config).Save(path), runs: 1, warmup: 0);
            var size = new FileInfo(path).Length;
            using (var probe = GgufFile.Open(path))
                Console.WriteLine($"file: {size / 1e6:F1} MB, {probe.Tensors.Count} tensors, {probe.Metadata.Count} keys, header {probe.DataOffset / 1e6:F2} MB; written in {written.MedianMs:F0} ms");

            var open = BenchTiming.Measure(() => { using var f = GgufFile.Open(path); }, config.Runs);
            var allocated = Allocated(() => { using var f = GgufFile.Open(path); });

            var bytes = File.ReadAllBytes(path);
            var parse = ParseFromMemory(bytes, config.Runs);

            using var file = GgufFile.Open(path);
            var llama = BenchTiming.Measure(() => LlamaHeader.Read(file), config.Runs);
            var openAndLlama = BenchTiming.Measure(() => { using var f = GgufFile.Open(path); LlamaHeader.Read(f); }, config.Runs);

            Console.WriteLine();
            Console.WriteLine($"| step | time |");
            Console.WriteLine($"|---|---|");
            Console.WriteLine($"| GgufFile.Open (map + header parse + tensor checks) | {open} |");
            Console.WriteLine($"| header parse alone (GgufFile.Parse, bytes in memory) | {parse} |");
            Console.WriteLine($"| LlamaHeader.Read (keys + 417 tensor shapes) | {llama} |");
            Console.WriteLine($"| Open + LlamaHeader.Read | {openAndLlama} |");
            Console.WriteLine($"| managed allocation per Open | {allocated / 1e6:F1} MB |");
            return 0;
        }
        finally
        {
            if (config.Keep) Console.WriteLine($"kept {path}");
            else Directory.Delete(directory, recursive: true);
        }
    }

    static unsafe BenchTiming.Result ParseFromMemory(byte[] bytes, int runs)
    {
        var data = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        try
        {
            bytes.CopyTo(new Span<byte>(data, bytes.Length));
            return BenchTiming.Measure(() => { using var f = GgufFile.Parse(data, bytes.Length); }, runs);
        }
        finally { NativeMemory.Free(data); }
    }

    static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The llama layout llama.cpp's converter writes, with F16 weights filled from one shared buffer
    /// of pseudo-random halves (the content does not matter to opening, only the layout does).</summary>
    static GgufWriter Build(Config c)
    {
        var w = new GgufWriter();
        var m = w.Metadata;
        m.Set("general.architecture", GgufValue.String("llama"));
        m.Set("general.name", GgufValue.String("ponder-bench-100mb"));
        m.Set("general.file_type", GgufValue.UInt32(1)); // MOSTLY_F16
        m.Set("llama.context_length", GgufValue.UInt32(4096));
        m.Set("llama.embedding_length", GgufValue.UInt32((uint)c.Embedding));
        m.Set("llama.block_count", GgufValue.UInt32((uint)c.Blocks));
        m.Set("llama.feed_forward_length", GgufValue.UInt32((uint)c.FeedForward));
        m.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)(c.Embedding / c.Heads)));
        m.Set("llama.attention.head_count", GgufValue.UInt32((uint)c.Heads));
        m.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)c.HeadsKv));
        m.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(1e-5f));
        m.Set("llama.rope.freq_base", GgufValue.Float32(10000f));
        m.Set("tokenizer.ggml.model", GgufValue.String("llama"));
        var tokens = new string[c.Vocab];
        for (var i = 0; i < c.Vocab; i++)
            tokens[i] = i switch { 0 => "<unk>", 1 => "<s>", 2 => "</s>", < 259 => $"<0x{i - 3:X2}>", _ => $"▁piece{i}" };
        m.Set("tokenizer.ggml.tokens", GgufValue.Array(GgufArray.Of(tokens)));
        m.Set("tokenizer.ggml.scores", GgufValue.Array(GgufArray.Of(Enumerable.Range(0, c.Vocab).Select(i => -(float)i).ToArray())));
        m.Set("tokenizer.ggml.token_type", GgufValue.Array(GgufArray.Of(Enumerable.Range(0, c.Vocab).Select(i => i < 3 ? 3 : i < 259 ? 6 : 1).ToArray())));
        m.Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32(1));
        m.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(2));

        var random = new Random(42);
        var shared = new byte[(long)c.Embedding * c.Vocab * 4];
        var halves = MemoryMarshal.Cast<byte, Half>(shared.AsSpan());
        for (var i = 0; i < halves.Length; i++) halves[i] = (Half)(random.NextSingle() * 0.2f - 0.1f);
        void Add(string name, GgmlType type, params long[] shape)
        {
            var size = GgmlTypeInfo.ByteSize(type, shape.Aggregate(1L, (a, b) => a * b));
            w.AddTensor(name, type, shape, shared.AsMemory(0, (int)size));
        }
        var kv = c.HeadsKv * (c.Embedding / c.Heads);
        Add("token_embd.weight", GgmlType.F16, c.Embedding, c.Vocab);
        Add("output_norm.weight", GgmlType.F32, c.Embedding);
        Add("output.weight", GgmlType.F16, c.Embedding, c.Vocab);
        for (var i = 0; i < c.Blocks; i++)
        {
            Add($"blk.{i}.attn_norm.weight", GgmlType.F32, c.Embedding);
            Add($"blk.{i}.attn_q.weight", GgmlType.F16, c.Embedding, c.Embedding);
            Add($"blk.{i}.attn_k.weight", GgmlType.F16, c.Embedding, kv);
            Add($"blk.{i}.attn_v.weight", GgmlType.F16, c.Embedding, kv);
            Add($"blk.{i}.attn_output.weight", GgmlType.F16, c.Embedding, c.Embedding);
            Add($"blk.{i}.ffn_norm.weight", GgmlType.F32, c.Embedding);
            Add($"blk.{i}.ffn_gate.weight", GgmlType.F16, c.Embedding, c.FeedForward);
            Add($"blk.{i}.ffn_up.weight", GgmlType.F16, c.Embedding, c.FeedForward);
            Add($"blk.{i}.ffn_down.weight", GgmlType.F16, c.FeedForward, c.Embedding);
        }
        return w;
    }

    static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
