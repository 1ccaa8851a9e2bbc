namespace Ponder.Model.Tests.Tokenizer;

/// <summary>Strings that stress a SentencePiece tokenizer: spaces, whitespace runs, non-ASCII, emoji, special pieces.</summary>
public static class TokenizerCorpus
{
    public static readonly string[] Strings =
    [
        "", " ", "  ", "   ", "Hello world", " Hello world", "Hello world ", "  two leading", "two trailing  ",
        "a  b   c    d", "\n", "line one\nline two\n", "\n\nafter blank lines", "tab\tseparated\tvalues", "\t indented\n\t\tmore",
        "12 + 34 = 46", "3 × 4 ÷ 2 − 1 = 5", "1234567890", "x² + y² ≤ 10, π ≈ 3.14", "The answer is 42.",
        "don't can't won't", "!!!???...", "1000000 and 10000", "aaaaaaa", "         nine spaces", "eeeeeeeeee", "Once upon a time, there was a little girl named Lily.",
        "Café crème brûlée", "über Größe", "中文测试", "Привет, мир!", "emoji 🙂 and 👍🏽 and 🇯🇵",
        "mixed: é 中 🙂 \t\n end", "lone surrogate \uD800 here", "▁already escaped ▁▁", "<0x41> looks like a byte token",
        "<s>", "</s>", "<unk>", "Hello <s> world </s>", "<s><s>", "a<s>b", " <s> ", "<s>\n",
        "<|user|>What is 2+2?<|end|><|assistant|><think>2+2=4</think>4<|end|>",
        "<think></think>", " <|user|> spaced <|end|> ", "<|assistant|><think>\nstep 1\n</think>\n\n**4**<|end|>",
    ];

    // Fragments random strings are made of: the corpus's hazards in short, so they meet in every order.
    static readonly string[] Fragments =
    [
        "a", "b", "e", "s", "the", "The", "ing", " ", "  ", "\n", "\t", "é", "ü", "中", "я", "🙂", "0", "1", "00", "+", "=", "×",
        "−", "▁", "<", ">", "|", "<s>", "</s>", "<unk>", "<|user|>", "<|end|>", "<think>", "</think>", "<0x0A>",
    ];

    /// <summary>Seeded random concatenations of hazardous fragments.</summary>
    public static IEnumerable<string> Random(int count, int seed = 7)
    {
        var random = new System.Random(seed);
        for (var i = 0; i < count; i++)
            yield return string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Fragments[random.Next(Fragments.Length)]));
    }

    /// <summary>The strings decoding must give back: no text that spells a special piece (it may merge into a control
    /// token, hidden on decode) and no literal ▁ (SentencePiece decodes it as a space, as llama.cpp does).</summary>
    public static IEnumerable<string> RoundTrippable => Strings.Where(s => !s.Contains('<') && !s.Contains('▁'));
}
