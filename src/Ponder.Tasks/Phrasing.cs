namespace Ponder.Tasks;

/// <summary>Draws the many ways people ask for a calculation: question templates, operator spellings (+, plus; ×, *, x,
/// times), spacing, letter case and an optional "please". Every choice comes from the problem's seeded Random.</summary>
public static class Phrasing
{
    static readonly string[] ExpressionTemplates =
    [
        "What is {0}?", "What is {0}", "what's {0}?", "{0}=", "{0} =", "{0} = ?", "{0}", "{0}?", "Compute {0}.",
        "Calculate {0}.", "calculate {0}", "How much is {0}?", "how much is {0}", "Solve: {0}", "Find {0}.",
        "What does {0} equal?", "Evaluate {0}.", "What do you get for {0}?", "Work out {0}.", "Tell me {0}.",
        "Can you compute {0}?", "Quick question: what is {0}?",
    ];

    /// <summary>Picks one of <paramref name="options"/>.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> options) => options[random.Next(options.Count)];

    /// <summary>"a ∘ b" with a drawn operator spelling and spacing; <paramref name="symbols"/> lists the spellings.</summary>
    public static string Infix(Random random, string left, string right, IReadOnlyList<string> symbols)
    {
        var symbol = Pick(random, symbols);
        var spaced = char.IsLetter(symbol[0]) || random.Next(3) > 0;
        return spaced ? $"{left} {symbol} {right}" : $"{left}{symbol}{right}";
    }

    /// <summary>Wraps an expression in a drawn question template.</summary>
    public static string AskFor(Random random, string expression) =>
        Finish(random, string.Format(Pick(random, ExpressionTemplates), expression));

    /// <summary>Applies the drawn surface variation every question gets: an optional "please", and letter case.</summary>
    public static string Finish(Random random, string question)
    {
        var please = random.Next(8);
        if (please == 0) question = "Please " + char.ToLowerInvariant(question[0]) + question[1..];
        else if (please == 1) question = question.TrimEnd('.', '?', '=', ' ') + ", please.";
        var letterCase = random.Next(12);
        if (letterCase == 0) return question.ToLowerInvariant();
        if (letterCase == 1) return question.ToUpperInvariant();
        return question;
    }
}
