using Ponder.Gguf;
using Ponder.Model.Llama;
using Ponder.Model.Tokenizer;

namespace Ponder.Training;

/// <summary>Exports a trained model as a standard llama GGUF with Ponder's vocabulary, end-of-turn token and chat
/// template, so llama.cpp (and Ponder's engine) run it unchanged. Written atomically.</summary>
public static class ModelExport
{
    public static void Save(LlamaModel model, string path, GgmlType storeAs, string name = "ponder")
    {
        var metadata = new GgufMetadata();
        PonderVocabulary.WriteTo(metadata);
        var temporary = path + ".tmp.gguf";
        try
        {
            model.Save(temporary, metadata, storeAs, name);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary); // a failed write leaves no partial file, and the target unchanged
        }
    }
}
