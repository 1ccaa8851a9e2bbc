using System.Text;

namespace Ponder.Tasks;

/// <summary>Builds one word problem as a running quantity: each event adds a sentence to the story, a step of work to
/// the scratchpad (terse and worded; column lines for multi-digit amounts) and an inverse line for the backwards
/// check. Amounts are whole units (cents for money, formatted as dollars). Every thought opens with the story's numbers
/// as one line of numbered terms in story order ("1) 46, 2) -4, 3) +8×3, 4) ÷2 (last)"): models that went straight to the
/// arithmetic misread the numbers of a long story, and copying them one sentence at a time first is the easier step.
/// Each step opens with its number, and each later one with the term it works ("2) -4×$2: …"), which names the event
/// as well as the story's own words did, in fewer tokens; only the first step is named by its label.</summary>
public sealed class WordProblemStory(bool money, string unit)
{
    readonly List<string> sentences = [];
    readonly List<(string Terse, string Worded)> steps = [];
    readonly List<string> inverses = [];
    readonly List<string> terms = [];
    readonly List<string> id = [];

    bool started;

    public long Value { get; private set; }
    public IEnumerable<string> Sentences => sentences.Where(s => s.Length > 0);

    public string Show(long amount) => money
        ? amount % 100 == 0 ? $"${amount / 100}" : $"${amount / 100}.{amount % 100:D2}"
        : $"{amount}";

    /// <summary>The canonical answer: dollars with two decimals when there are cents, else the plain number.</summary>
    public string Answer => money && Value % 100 != 0 ? $"{Value / 100}.{Value % 100:D2}" : money ? $"{Value / 100}" : $"{Value}";

    public void Start(long amount, string sentence, string what)
    {
        Value = amount;
        started = true;
        sentences.Add(sentence);
        steps.Add(($"{Show(amount)}", what.Length > 0 ? $"Start: {Show(amount)} {what}." : $"Start: {Show(amount)}."));
        terms.Add(Show(amount));
        id.Add($"start {amount}");
    }

    /// <summary>Adds an amount. <paramref name="label"/> names the step only when it is the story's first event (later
    /// steps are named by their term), so only stories that can open with it pass one.</summary>
    public void Add(long amount, string sentence, string? label = null)
    {
        if (!started) { First(amount, sentence, label, Show(amount), $"{Show(amount)}", $"+{amount}", Show(amount)); return; }
        var before = Value;
        terms.Add($"+{Show(amount)}");
        Value += amount;
        sentences.Add(sentence);
        steps.Add(Columns(before, amount, false) is { } work
            ? (work, $"{Show(before)} + {Show(amount)}, by columns:\n{work}")
            : ($"{Show(before)}+{Show(amount)}={Show(Value)}", $"{Show(before)} + {Show(amount)} = {Show(Value)}."));
        inverses.Add($"{Show(Value)} - {Show(amount)} = {Show(before)}");
        id.Add($"+{amount}");
    }

    public void Subtract(long amount, string sentence)
    {
        var before = Value;
        terms.Add($"-{Show(amount)}");
        Value -= amount;
        sentences.Add(sentence);
        steps.Add(Columns(before, amount, true) is { } work
            ? (work, $"{Show(before)} - {Show(amount)}, by columns:\n{work}")
            : ($"{Show(before)}-{Show(amount)}={Show(Value)}", $"{Show(before)} - {Show(amount)} = {Show(Value)}."));
        inverses.Add($"{Show(Value)} + {Show(amount)} = {Show(before)}");
        id.Add($"-{amount}");
    }

    /// <summary>count × each, then added (or subtracted): two small lines. <paramref name="eachFirst"/>: the sentence
    /// names each before count ("49 km per hour for 4 hours"), and the story's terms keep its order. <paramref name="label"/>
    /// as in <see cref="Add"/>.</summary>
    public void AddProduct(long count, long each, bool subtract, string sentence, string? label = null, bool eachFirst = false)
    {
        var product = count * each;
        var term = eachFirst ? $"{Show(each)}×{count}" : $"{count}×{Show(each)}";
        if (!started)
        {
            var times = Times(count, each);
            First(product, sentence, label, times ?? $"{count} × {Show(each)} = {Show(product)}",
                times ?? $"{count}×{Show(each)}={Show(product)}", $"+{count}x{each}", term);
            return;
        }
        var before = Value;
        Value += subtract ? -product : product;
        var sign = subtract ? "-" : "+";
        terms.Add(sign + term);
        sentences.Add(sentence);
        var timesWork = Times(count, each) ?? $"{count}×{Show(each)}={Show(product)}";
        var work = Columns(before, product, subtract);
        steps.Add(work is null
            ? ($"{timesWork}, {Show(before)}{sign}{Show(product)}={Show(Value)}",
                $"{timesWork.Replace("=", " = ")}, so {Show(before)} {sign} {Show(product)} = {Show(Value)}.")
            : ($"{timesWork}\n{work}",
                $"{timesWork.Replace("=", " = ")}; {Show(before)} {sign} {Show(product)} by columns:\n{work}"));
        inverses.Add($"{Show(Value)} {(subtract ? "+" : "-")} {Show(product)} = {Show(before)}");
        id.Add($"{sign}{count}x{each}");
    }

    public void Halve(string sentence)
    {
        var before = Value;
        terms.Add("÷2");
        Value /= 2;
        sentences.Add(sentence);
        var digits = before >= 10 ? ColumnWork.Half(before) : null;
        steps.Add(digits is not null
            ? (digits, $"half of {Show(before)}: {digits}.")
            : ($"{Show(before)}÷2={Show(Value)}", $"{Show(before)} ÷ 2 = {Show(Value)}."));
        inverses.Add($"{Show(Value)} × 2 = {Show(before)}");
        id.Add("half");
    }

    /// <summary>Column work (<see cref="ColumnWork"/>) for a sum or difference whenever either amount has two or more
    /// digits: one-line steps with a one-digit amount ("195+3=198") were the first false line in a third of one model's
    /// failed word problems. Null for two one-digit amounts (a fact a one-line step can state). Amounts with cents work
    /// the cents as one column first (<see cref="CentsFirst"/>).</summary>
    string? Columns(long before, long amount, bool subtract)
    {
        if (subtract && before < amount) return null;
        if (money && (before % 100 != 0 || amount % 100 != 0)) return CentsFirst(before, amount, subtract);
        var (x, y) = money ? (before / 100, amount / 100) : (before, amount);
        if (x < 10 && y < 10) return null;
        return string.Join("\n", subtract ? ColumnWork.Subtract(x, y) : ColumnWork.Add(x, y));
    }

    /// <summary>A sum or difference of money with cents: the cents as one column, its carry or borrow going into the
    /// dollars' columns, whose results carry the cents ("cents 50+75=125 c1 → .25", "45+57: 5+7+1=13 c1 → 3.25", …).
    /// One-line steps with cents ("$45.50 + $57 = $97.50") were false in 46 of 48 such lines over three models' test
    /// items, and columns in cents (four or five digit columns per step) made money stories too long for the context.</summary>
    string CentsFirst(long before, long amount, bool subtract)
    {
        long x = before % 100, y = amount % 100;
        var value = subtract ? x - y : x + y;
        var cents = (value + 100) % 100;
        var over = subtract ? (value < 0 ? 1 : 0) : (value >= 100 ? 1 : 0);
        var kept = $".{cents:D2}";
        var op = subtract ? "-" : "+";
        var work = subtract && value < 0 ? $"{x}-{y}<0, {x + 100}-{y}={cents} b1" : $"{x}{op}{y}={value}{(over > 0 ? " c1" : "")}";
        var lines = new List<string> { $"cents {work} → {kept}" };
        lines.AddRange(subtract
            ? ColumnWork.Subtract(before / 100, amount / 100, kept, borrowIn: over)
            : ColumnWork.Add(before / 100, amount / 100, kept, carryIn: over));
        var after = subtract ? before - amount : before + amount;
        if (after % 100 == 0) lines.Add($"→ {Show(after)}"); // "13.00" is written "$13" everywhere else
        return string.Join("\n", lines);
    }

    /// <summary>"19×7: 9×7=63 c6 → 3, 1×7+6=13 → 133" for count × each when each has two or more digits (a price with
    /// cents in cents: "1050×3: … → 3150, so $31.50"); null for a one-digit each, a table fact.</summary>
    string? Times(long count, long each)
    {
        if (count > 9) return null;
        if (money && each % 100 != 0) return $"{ColumnWork.TimesDigit(each, (int)count)}, so {Show(count * each)}";
        var value = money ? each / 100 : each;
        return value < 10 ? null : ColumnWork.TimesDigit(value, (int)count);
    }

    /// <summary>The story's first amount when it has no starting amount (rates, time): nothing to add it to yet. Its
    /// worded step is named by <paramref name="label"/> ("4 sessions of 40 min: …"), since no term names it yet.</summary>
    void First(long amount, string sentence, string? label, string work, string terse, string idPart, string term)
    {
        if (label is null) throw new InvalidOperationException("A story's first event needs a label: no term names it yet.");
        var worded = $"{label}: {work}.";
        terms.Add(term);
        Value = amount;
        started = true;
        sentences.Add(sentence);
        steps.Add((terse, worded));
        id.Add(idPart);
    }

    /// <summary>Canonical content for the split: the family and the numbers, never names or objects.</summary>
    public string Id(string family) => family + ":" + string.Join(";", id);

    public string Solve(Verbosity verbosity, string goal)
    {
        var s = new StringBuilder();
        // Terms are numbered ("1) 46, 2) -4, 3) +8×3 (last)") and every step opens with its number and term, copied from
        // the numbers line: the next step is the number after the last one, looked up, where models that had to find the
        // term after the one just worked skipped or repeated terms ("+8" then "+8×3"). The final term is marked, and the
        // mark copied into its step, so the stop is local: numbers alone (tried as letters) ran on past the end.
        var marked = terms.Select((t, i) => i == terms.Count - 1 ? $"{t} (last)" : t).ToList();
        var story = string.Join(", ", marked.Select((t, i) => $"{i + 1}) {t}"));
        string Opening(int i) => i == 0 ? "1) " : $"{i + 1}) {marked[i]}: ";
        if (verbosity == Verbosity.Terse)
        {
            s.AppendLine(story);
            for (var i = 0; i < steps.Count; i++) s.AppendLine(Opening(i) + steps[i].Terse);
            s.Length -= Environment.NewLine.Length;
            return s.ToString();
        }
        if (verbosity == Verbosity.Elaborate) s.AppendLine($"We need {goal}. Go through the story one event at a time.");
        s.AppendLine($"Numbers: {story}.");
        for (var i = 0; i < steps.Count; i++) s.AppendLine(Opening(i) + steps[i].Worded);
        s.Append($"So the result is {Show(Value)}{(money ? "" : " " + unit)}.");
        if (verbosity == Verbosity.Elaborate && inverses.Count > 0)
            s.Append($"\nCheck backwards: {string.Join(", ", Enumerable.Reverse(inverses))}, back to the first step.");
        return s.ToString();
    }
}
