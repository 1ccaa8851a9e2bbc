using System.Text.RegularExpressions;

namespace Ponder.Tasks.Tests;

public partial class WordProblemScratchpadTests
{
    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\d+\) ")]
    private static partial Regex StepNumber();

    // A one-line sum, difference or half of whole amounts: "195+3=198", "$53 - $8 = $45", "32 ÷ 2 = 16".
    [GeneratedRegex(@"(?<![\d.×])\$?(?<a>\d+) ?(?<op>[+\-÷]) ?\$?(?<b>\d+) ?= ?\$?\d+(?![\d.])")]
    private static partial Regex OneLineStep();

    [Fact]
    public void Every_thought_first_lists_the_story_numbers_in_the_order_the_story_gives_them()
    {
        var task = new WordProblemTask();
        var checkedProblems = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 70))
        {
            var lines = problem.Solution.ReplaceLineEndings("\n").Split('\n');
            var line = problem.Verbosity switch
            {
                Verbosity.Terse => lines[0],
                Verbosity.Normal => lines[0],
                _ => lines[1],
            };
            if (problem.Verbosity != Verbosity.Terse)
            {
                Assert.StartsWith("Numbers: ", line);
                line = line["Numbers: ".Length..];
            }
            var terms = line.TrimEnd('.').Split(", ");
            Assert.Equal(Enumerable.Range(1, terms.Length).Select(i => $"{i}) "), terms.Select(t => t[..(t.IndexOf(')') + 2)]));
            Assert.Equal([terms.Length - 1], terms.Select((t, i) => (t, i)).Where(p => p.t.EndsWith(" (last)")).Select(p => p.i));
            line = string.Join(", ", terms.Select(t => t[(t.IndexOf(')') + 2)..]));
            var story = problem.Question[..problem.Question.LastIndexOf('.')]; // the question sentence asks, it gives no numbers
            var given = Number().Matches(story).Select(m => m.Value).ToList();
            var listed = Number().Matches(line).Select(m => m.Value).ToList();
            // Hours are listed as "2×60" and halving as "÷2": the only numbers a term may add to the story's.
            var i = 0;
            foreach (var n in listed)
                if (i < given.Count && n == given[i]) i++;
                else Assert.True(n is "60" or "2", $"'{n}' is not the story's next number ({(i < given.Count ? given[i] : "none left")}):\n{problem.Question}\n{problem.Solution}");
            Assert.True(i == given.Count, $"the terms list {i} of the story's {given.Count} numbers:\n{problem.Question}\n{problem.Solution}");
            checkedProblems++;
        }
        Assert.True(checkedProblems >= 1200);
    }

    [Fact]
    public void Every_step_opens_with_its_number_and_every_step_after_the_first_with_its_term_of_the_numbers_line()
    {
        var task = new WordProblemTask();
        var checkedSteps = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 80))
        {
            var lines = problem.Solution.ReplaceLineEndings("\n").Split('\n');
            var terse = problem.Verbosity == Verbosity.Terse;
            var numbers = lines.First(l => terse || l.StartsWith("Numbers: "));
            // "1) 46", "2) -4", …, "4) ÷2 (last)": each numbered term, its mark too, is how its step opens, the first one's number alone.
            var terms = (terse ? numbers : numbers["Numbers: ".Length..^1]).Split(", ");
            var openings = terms.Select((t, i) => i == 0 ? "1) " : t + ": ").ToList();
            // Column lines ("49+10: 9+0=9 → 9") never open with "N) ", so the lines that do are the steps, in order.
            var opened = lines.SkipWhile(l => l != numbers).Skip(1).Where(l => StepNumber().IsMatch(l)).ToList();
            Assert.True(opened.Count == openings.Count && opened.Zip(openings).All(p => p.First.StartsWith(p.Second, StringComparison.Ordinal)),
                $"steps open with [{string.Join(" | ", opened)}], the terms are [{string.Join(" | ", terms)}]:\n{problem.Question}\n{problem.Solution}");
            checkedSteps += opened.Count;
        }
        Assert.True(checkedSteps > 2000, $"only {checkedSteps} steps checked");
    }

    [Fact]
    public void Every_step_with_a_multi_digit_whole_amount_is_worked_by_columns_or_digits_not_in_one_line()
    {
        var task = new WordProblemTask();
        var steps = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 90))
        foreach (var line in problem.Solution.ReplaceLineEndings("\n").Split('\n'))
        {
            // Column lines (→) and the backwards check restate settled amounts; they are not steps of work.
            if (line.Contains('→') && !line.Contains("so ") || line.StartsWith("Check backwards")) continue;
            foreach (Match m in OneLineStep().Matches(line))
            {
                long a = long.Parse(m.Groups["a"].Value), b = long.Parse(m.Groups["b"].Value);
                Assert.True(a < 10 && b < 10, $"'{m.Value}' is worked in one line:\n{problem.Question}\n{problem.Solution}");
                steps++;
            }
        }
        Assert.True(steps >= 10, $"only {steps} one-line steps of one-digit amounts found: the pattern no longer matches the steps");
    }

    // "cents 50+75=125 c1 → .25" or "cents 0-50<0, 100-50=50 b1 → .50", alone or after a terse step's opening
    // ("4) +$12: cents …"): the cents of a sum or difference of money.
    [GeneratedRegex(@"(?:^|: )cents (?<x>\d+)(?<op>[+-])(?<y>\d+)[=<].* → \.(?<c>\d\d)$")]
    private static partial Regex CentsLine();

    // The first dollar column after it: "45+57: 5+7+1=13 c1 → 3.25".
    [GeneratedRegex(@"^(?<top>\d+)[+-](?<bottom>\d+): ")]
    private static partial Regex DollarLine();

    // A one-line sum or difference with cents on either side: "$45.50 + $57 = $97.50".
    [GeneratedRegex(@"\$\d+(?:\.\d\d)? ?[+-] ?\$\d+(?:\.\d\d)? ?= ?\$\d+\.\d\d|\$\d+\.\d\d ?[+-] ?\$\d+(?:\.\d\d)? ?=")]
    private static partial Regex OneLineCents();

    [Fact]
    public void Sums_and_differences_of_money_with_cents_work_the_cents_first_then_the_dollars_by_columns()
    {
        var task = new WordProblemTask();
        var blocks = 0;
        foreach (var problem in Samples.AtEveryLevel(task, 200, seed: 91))
        {
            var lines = problem.Solution.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("Check backwards"))
                    Assert.False(OneLineCents().IsMatch(lines[i]), $"'{lines[i]}' is worked in one line:\n{problem.Solution}");
                if (CentsLine().Match(lines[i]) is not { Success: true } cents) continue;
                var dollars = DollarLine().Match(lines[i + 1]);
                Assert.True(dollars.Success, $"{lines[i + 1]}\n{problem.Solution}");
                long top = long.Parse(dollars.Groups["top"].Value) * 100 + long.Parse(cents.Groups["x"].Value);
                long bottom = long.Parse(dollars.Groups["bottom"].Value) * 100 + long.Parse(cents.Groups["y"].Value);
                var value = cents.Groups["op"].Value == "+" ? top + bottom : top - bottom;
                Assert.Equal(value % 100, long.Parse(cents.Groups["c"].Value));
                var end = i + 1;
                while (end + 1 < lines.Length && lines[end + 1].Contains('→') && !StepNumber().IsMatch(lines[end + 1])) end++;
                var shown = value % 100 == 0 ? $"→ ${value / 100}" : $"→ {value / 100}.{value % 100:D2}";
                Assert.True(lines[end].EndsWith(shown), $"'{lines[end]}' should end with '{shown}':\n{problem.Solution}");
                blocks++;
            }
        }
        Assert.True(blocks > 100, $"only {blocks} cents-first sums or differences");
    }
}
