namespace Ponder.Model.Tokenizer;

/// <summary>Ponder's chat format: <c>&lt;|user|&gt;question&lt;|end|&gt;&lt;|assistant|&gt;&lt;think&gt;reasoning&lt;/think&gt;answer&lt;|end|&gt;</c>.
/// All markers are control tokens (encode with parseSpecial: true); BOS comes from the tokenizer. An instant answer
/// prefills an empty think block. <see cref="PonderVocabulary.ChatTemplate"/> renders the same text.</summary>
public static class PonderChatFormat
{
    public const string User = "<|user|>";
    public const string Assistant = "<|assistant|>";
    public const string End = "<|end|>";
    public const string ThinkOpen = "<think>";
    public const string ThinkClose = "</think>";

    /// <summary>The prompt up to where the model continues: reasoning next, or (instant) the answer next.</summary>
    public static string Prompt(string question, bool instant = false) =>
        $"{User}{question}{End}{Assistant}{ThinkOpen}" + (instant ? ThinkClose : "");

    /// <summary>A whole exchange, as used for training.</summary>
    public static string Exchange(string question, string reasoning, string answer) =>
        $"{Prompt(question)}{reasoning}{ThinkClose}{answer}{End}";
}
