using System.Runtime.InteropServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Ponder.Model.Tests.Tokenizer;

/// <summary>llama.cpp's own tokenizer (through LLamaSharp), loaded vocabulary-only: the reference Ponder's must match.</summary>
public sealed unsafe class LlamaCppTokenizer : IDisposable
{
    readonly LLamaWeights weights;
    readonly IntPtr vocab;
    readonly delegate* unmanaged<IntPtr, int*, int, byte*, int, byte, byte, int> detokenize;

    public LlamaCppTokenizer(string path)
    {
        QuietLlamaCpp.Install();
        weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true, GpuLayerCount = 0 });
        // LLamaSharp 0.30.0 keeps llama_vocab and llama_detokenize internal, so call the loaded libllama directly.
        var library = NativeLibrary.Load(LoadedLibllama());
        var getVocab = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(library, "llama_model_get_vocab");
        detokenize = (delegate* unmanaged<IntPtr, int*, int, byte*, int, byte, byte, int>)NativeLibrary.GetExport(library, "llama_detokenize");
        vocab = getVocab(weights.NativeHandle.DangerousGetHandle());
    }

    public int[] Encode(string text, bool addSpecial, bool parseSpecial) =>
        weights.NativeHandle.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8).Select(t => (int)t).ToArray();

    public int Count => weights.NativeHandle.Vocab.Count;

    /// <summary>llama_token_to_piece's bytes for one token.</summary>
    public byte[] Piece(int id, bool renderSpecial)
    {
        var buffer = new byte[256];
        var n = (int)weights.NativeHandle.TokenToSpan(id, buffer, 0, renderSpecial);
        if (n > buffer.Length) throw new InvalidOperationException($"Token {id} is {n} bytes; the buffer holds {buffer.Length}.");
        return buffer[..n];
    }

    /// <summary>llama_detokenize's bytes.</summary>
    public byte[] Decode(int[] ids, bool removeSpecial, bool renderSpecial)
    {
        var buffer = new byte[Math.Max(64, ids.Length * 32)];
        fixed (int* t = ids)
        fixed (byte* b = buffer)
        {
            var n = detokenize(vocab, t, ids.Length, b, buffer.Length, removeSpecial ? (byte)1 : (byte)0, renderSpecial ? (byte)1 : (byte)0);
            if (n < 0) throw new InvalidOperationException($"detokenize needs {-n} bytes; the buffer holds {buffer.Length}.");
            return buffer[..n];
        }
    }

    /// <summary>The path of the libllama LLamaSharp picked (it chooses among CPU variants at run time).</summary>
    static string LoadedLibllama() =>
        !OperatingSystem.IsLinux() ? throw new PlatformNotSupportedException("Finding the loaded libllama reads /proc/self/maps, which only Linux has.") :
        File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]) == "libllama.so").Select(f => f[5]).FirstOrDefault()
        ?? throw new DllNotFoundException("libllama.so is not mapped into this process; LLamaSharp should have loaded it.");

    public void Dispose() => weights.Dispose();
}
