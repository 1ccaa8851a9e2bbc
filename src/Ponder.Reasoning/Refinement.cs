using System.Globalization;
using System.Text;
using Ponder.Reasoning.Profiles;

namespace Ponder.Reasoning;

/// <summary>The refinement pass's prompt: the user's question again, followed by the strongest candidates (answer,
/// confidence, the end of each one's reasoning), asking the model for one final answer. Used when a vote cannot decide
/// (no two agents agree — typical of free-form answers). The model answers in the profile's no-think form.</summary>
internal static class Refinement
{
    public static IReadOnlyList<ChatMessage> Messages(IReadOnlyList<ChatMessage> conversation, IEnumerable<AgentOutcome> candidates, int summaryChars)
    {
        var text = new StringBuilder(conversation[^1].Content);
        text.Append("\n\nIndependent attempts at this question gave these candidate answers:\n");
        var i = 0;
        foreach (var c in candidates)
        {
            i++;
            text.Append(CultureInfo.InvariantCulture, $"\nCandidate {i} (confidence {c.Confidence:0.00}): {c.Answer.Trim()}\n");
            var summary = Summary(c.Thought, summaryChars);
            if (summary.Length > 0) text.Append("Reasoning (end): ").Append(summary).Append('\n');
        }
        text.Append("\nWeigh the candidates and their reasoning, then give the single best final answer.");
        return [.. conversation.Take(conversation.Count - 1), ChatMessage.User(text.ToString())];
    }

    /// <summary>The last <paramref name="chars"/> characters of a thought, starting at a word, on one line.</summary>
    public static string Summary(string thought, int chars)
    {
        var t = string.Join(' ', thought.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (t.Length <= chars) return t;
        var tail = t[^chars..];
        var space = tail.IndexOf(' ');
        return "…" + (space >= 0 && space < chars / 4 ? tail[(space + 1)..] : tail);
    }
}
