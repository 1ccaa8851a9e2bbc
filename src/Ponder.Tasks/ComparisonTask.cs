using System.Text;

namespace Ponder.Tasks;

/// <summary>Comparing and sorting numbers: the largest or smallest of a list (a number), or the list sorted up or down
/// (a list). The thought copies the question's cue word before naming the goal; each comparison gives its reason and
/// the two numbers' order before the goal word and the winner; sorting is selection sort, one pass per line, each
/// ending with the list, its take marked, and what is left.
/// Level L: L + 1 numbers of up to L + 1 digits.</summary>
public sealed class ComparisonTask : ReasoningTask
{
    enum Mode { Largest, Smallest, Ascending, Descending }

    public override string Name => "comparison";
    public override string Description => "largest/smallest of a list, or the list sorted; level L = L + 1 numbers of up to L + 1 digits";
    public override TaskLevels Levels { get; } = new(1, 4, 6);

    protected override ProblemDraft Create(int level, Random random)
    {
        var numbers = DrawNumbers(random, level + 1, level + 1);
        var mode = (Mode)random.Next(4);
        var verbosity = VerbosityDraw.Next(random);
        var (answer, kind) = mode switch
        {
            Mode.Largest => (numbers.Max().ToString(), AnswerKind.Number),
            Mode.Smallest => (numbers.Min().ToString(), AnswerKind.Number),
            Mode.Ascending => (string.Join(", ", numbers.Order()), AnswerKind.NumberList),
            _ => (string.Join(", ", numbers.OrderDescending()), AnswerKind.NumberList),
        };
        var (question, cue) = Ask(random, mode, numbers);
        return new ProblemDraft($"{mode}:{string.Join(",", numbers)}", question, answer, kind,
            Solve(mode, cue, numbers, answer, verbosity), verbosity);
    }

    /// <summary>Distinct numbers, mostly of the same length and often sharing leading digits, so comparisons need a digit-by-digit look.</summary>
    static List<long> DrawNumbers(Random random, int count, int maxDigits)
    {
        var numbers = new List<long>();
        var digits = random.Next(1, maxDigits + 1);
        while (numbers.Count < count)
        {
            var length = random.Next(3) == 0 ? random.Next(1, maxDigits + 1) : digits;
            var n = PlaceNames.WithDigits(random, length);
            if (numbers.Count > 0 && length > 1 && random.Next(3) == 0)
            {
                // Share a prefix with an earlier number of the same length.
                var other = numbers[random.Next(numbers.Count)].ToString();
                if (other.Length == length)
                {
                    var keep = random.Next(1, length);
                    n = long.Parse(other[..keep] + n.ToString()[keep..]);
                }
            }
            if (!numbers.Contains(n)) numbers.Add(n);
        }
        return numbers;
    }

    /// <summary>The question, and its cue: the word in it that says which way to go ("less", "descending"), which the
    /// thought copies before it names the goal.</summary>
    static (string Question, string Cue) Ask(Random random, Mode mode, List<long> numbers)
    {
        var list = ListText(random, numbers);
        (string, string)[] options = mode switch
        {
            Mode.Largest when numbers.Count == 2 => [($"Which is larger, {numbers[0]} or {numbers[1]}?", "larger"), ($"Which is bigger: {numbers[0]} or {numbers[1]}?", "bigger"), ($"Is {numbers[0]} or {numbers[1]} greater?", "greater"), ($"max({numbers[0]}, {numbers[1]})", "max")],
            Mode.Smallest when numbers.Count == 2 => [($"Which is smaller, {numbers[0]} or {numbers[1]}?", "smaller"), ($"Which is less: {numbers[0]} or {numbers[1]}?", "less"), ($"min({numbers[0]}, {numbers[1]})", "min")],
            Mode.Largest => [($"Which number is the largest: {list}?", "largest"), ($"What is the biggest of {list}?", "biggest"), ($"Find the maximum of {list}.", "maximum"), ($"max of {list}", "max"), ($"Which is greatest among {list}?", "greatest")],
            Mode.Smallest => [($"Which number is the smallest: {list}?", "smallest"), ($"What is the smallest of {list}?", "smallest"), ($"Find the minimum of {list}.", "minimum"), ($"min of {list}", "min"), ($"Which is least among {list}?", "least")],
            Mode.Ascending => [($"Sort {list} in ascending order.", "ascending"), ($"Order from smallest to largest: {list}", "smallest to largest"), ($"sort: {list}", "sort"), ($"Arrange {list} from least to greatest.", "least to greatest"), ($"Put these in increasing order: {list}", "increasing")],
            _ => [($"Sort {list} in descending order.", "descending"), ($"Order from largest to smallest: {list}", "largest to smallest"), ($"Arrange {list} from greatest to least.", "greatest to least"), ($"Put these in decreasing order: {list}", "decreasing"), ($"sort descending: {list}", "descending")],
        };
        var (question, cue) = Phrasing.Pick(random, options);
        return (Phrasing.Finish(random, question), cue);
    }

    static string ListText(Random random, List<long> numbers) => random.Next(3) switch
    {
        0 => string.Join(" ", numbers),
        1 => string.Join(", ", numbers.Take(numbers.Count - 1)) + " and " + numbers[^1],
        _ => string.Join(", ", numbers),
    };

    static string Solve(Mode mode, string cue, List<long> numbers, string answer, Verbosity verbosity)
    {
        // The goal comes first, copied from the question's own cue word ("less → min"), and every comparison states its
        // reason before its winner: a small model that must name the winner before it has compared, or recall max-or-min
        // from the question's phrasing, guesses.
        var s = new StringBuilder();
        var terse = verbosity == Verbosity.Terse;
        var listed = string.Join(", ", numbers);
        var goal = mode switch
        {
            Mode.Largest => "the largest", Mode.Smallest => "the smallest",
            Mode.Ascending => "the numbers from smallest to largest", _ => "the numbers from largest to smallest",
        };
        if (verbosity == Verbosity.Elaborate)
        {
            s.AppendLine($"The question says \"{cue}\", so we want {goal}. More digits is larger, else the first differing digit decides.");
            s.AppendLine($"The numbers: {listed}.");
        }
        else if (verbosity == Verbosity.Normal) s.AppendLine($"\"{cue}\": find {goal} of {listed}.");
        else s.AppendLine($"{cue} → {TerseGoal(mode)}: {listed}");
        var largestFirst = mode is Mode.Largest or Mode.Descending;
        if (mode is Mode.Largest or Mode.Smallest)
        {
            s.AppendLine(Pass(numbers, largestFirst, out var winner));
            if (verbosity == Verbosity.Elaborate)
                s.AppendLine($"Check: {string.Join(", ", numbers.Where(n => n != winner).Select(n => $"{winner}{(largestFirst ? ">" : "<")}{n}"))}, so {winner} is {goal}.");
        }
        else
        {
            var remaining = new List<long>(numbers);
            var sorted = new List<long>();
            while (remaining.Count > 1)
            {
                var line = Pass(remaining, largestFirst, out var pick);
                sorted.Add(pick);
                // What is left is written beside each take: the next pass starts from it, and the last number is copied
                // from it (asked to find the one number not yet taken, a small model repeated the last one taken). It is
                // the list copied whole with the take marked, then copied again without the mark: written straight after
                // the take, a shorter list began with the number just taken in half the take steps of one run.
                var marked = string.Join(", ", remaining.Select(n => n == pick ? $"[{n}]" : $"{n}"));
                remaining.Remove(pick);
                s.AppendLine($"{line}; take {pick}: {marked}, {(terse ? "left" : "leaving")} {string.Join(", ", remaining)}");
            }
            sorted.Add(remaining[0]);
            s.AppendLine(terse ? $"last {remaining[0]}" : $"Last left: {remaining[0]}.");
            if (verbosity == Verbosity.Elaborate)
                s.AppendLine($"Check: {string.Join(largestFirst ? " > " : " < ", sorted)}, and all {numbers.Count} numbers are used.");
        }
        if (!terse) s.Append($"So the result is {answer}.");
        else s.Append($"→ {answer}");
        return s.ToString();
    }

    static string TerseGoal(Mode mode) => mode switch
    {
        Mode.Largest => "max", Mode.Smallest => "min", Mode.Ascending => "asc", _ => "desc",
    };

    /// <summary>One pass keeping the running winner: each comparison names its two numbers, gives its reason, then the
    /// two numbers' order, then the goal word and its winner: "347 vs 374: 3=3, 4<7: 347<374 → larger 374; 374 vs 12:
    /// 374 is longer: 374>12 → larger 374", at every verbosity. The goal word beside each pick makes the pick a local rule
    /// ("a<b → larger b"): a small model asked to recall the goal from the first line picked the wrong side; comparisons
    /// without their reason ("35<32") were wrong where reasoned ones were not; and terse comparisons that did not name
    /// their numbers first ("3=3, 4<7: …") judged length by eye: four models sorted right in 45% of terse thoughts and
    /// 83% of the others, which name them (test split, levels 2–4).</summary>
    static string Pass(List<long> numbers, bool largest, out long winner)
    {
        winner = numbers[0];
        var parts = new List<string>();
        var goal = largest ? "larger" : "smaller";
        foreach (var n in numbers.Skip(1))
        {
            var better = largest ? n > winner : n < winner;
            var next = better ? n : winner;
            var order = $"{winner}{(winner < n ? "<" : ">")}{n}";
            var why = winner < 10 && n < 10 ? "" : $"{Reason(winner, n)}: "; // one digit each: the order is the reason
            parts.Add($"{winner} vs {n}: {why}{order} → {goal} {next}");
            winner = next;
        }
        if (parts.Count == 0) return $"only {winner}";
        return string.Join("; ", parts);
    }

    /// <summary>Why one number is larger: more digits, or the digits from the left, equal ones first, up to the first
    /// that differs ("3=3, 4<7"), so no digit has to be found by counting positions.</summary>
    static string Reason(long a, long b)
    {
        string x = a.ToString(), y = b.ToString();
        if (x.Length != y.Length) return $"{(x.Length > y.Length ? a : b)} is longer";
        var steps = new List<string>();
        var i = 0;
        for (; x[i] == y[i]; i++) steps.Add($"{x[i]}={y[i]}");
        steps.Add($"{x[i]}{(x[i] < y[i] ? "<" : ">")}{y[i]}");
        return string.Join(", ", steps);
    }
}
