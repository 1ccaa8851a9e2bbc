namespace Ponder.Tasks;

/// <summary>Templated word problems about quantities, money, rates and time. Names, objects and numbers vary; each event
/// in the story is one step of work. Level L = L + 1 events after the starting amount (rate and time stories: L + 1 events in all).</summary>
public sealed class WordProblemTask : ReasoningTask
{
    static readonly string[] Names = ["Mia", "Liam", "Ava", "Noah", "Zoe", "Omar", "Priya", "Kenji", "Sofia", "Lucas", "Amara", "Ethan", "Chloe", "Mateo", "Hana", "Ivan", "Leila", "Tom"];
    static readonly string[] Objects = ["stickers", "marbles", "apples", "cards", "pencils", "stamps", "shells", "books", "cookies", "beads"];
    static readonly string[] Goods = ["notebooks", "sandwiches", "tickets", "pens", "plants", "comics", "muffins", "candles"];
    static readonly string[] Activities = ["homework", "piano practice", "reading", "soccer", "cooking", "cleaning", "drawing", "swimming"];
    static readonly (string Subject, string Verb, string Rate, string Time, string Unit)[] Rates =
    [
        ("a train", "travels", "km per hour", "hours", "km"), ("{0}", "reads", "pages per day", "days", "pages"),
        ("a machine", "makes", "toys per minute", "minutes", "toys"), ("{0}", "saves", "dollars per week", "weeks", "dollars"),
        ("a cyclist", "rides", "km per hour", "hours", "km"), ("a pump", "fills", "litres per minute", "minutes", "litres"),
    ];

    public override string Name => "word-problem";
    public override string Description => "stories about quantities, money, rates and time, one step per event; level L = L + 1 events";
    public override TaskLevels Levels { get; } = new(1, 4, 6);

    protected override ProblemDraft Create(int level, Random random)
    {
        var name = Phrasing.Pick(random, Names);
        var friend = Phrasing.Pick(random, Names.Where(n => n != name).ToArray());
        var verbosity = VerbosityDraw.Next(random);
        var events = level + 1;
        var (family, story, question, goal) = random.Next(4) switch
        {
            0 => Quantities(random, events, name, friend),
            1 => Money(random, events, name),
            2 => Rate(random, events, name),
            _ => Time(random, events, name),
        };
        var text = string.Join(" ", story.Sentences) + " " + question;
        if (random.Next(12) == 0) text = text.ToLowerInvariant();
        return new ProblemDraft(story.Id(family), text, story.Answer, AnswerKind.Number, story.Solve(verbosity, goal), verbosity);
    }

    static (string, WordProblemStory, string, string) Quantities(Random random, int events, string name, string friend)
    {
        var things = Phrasing.Pick(random, Objects);
        var story = new WordProblemStory(money: false, things);
        var start = random.Next(5, 60);
        story.Start(start, $"{name} has {start} {things}.", things);
        for (var i = 0; i < events; i++)
        {
            switch (random.Next(story.Value % 2 == 0 && story.Value > 4 ? 4 : 3))
            {
                case 0:
                    int packs = random.Next(2, 10), each = random.Next(2, 13);
                    story.AddProduct(packs, each, false, $"Then {name} buys {packs} packs of {each} {things}.");
                    break;
                case 1 when story.Value > 1:
                    var given = random.Next(1, (int)Math.Min(story.Value, 30));
                    story.Subtract(given, $"{name} gives {given} {Noun(given, things)} to {friend}.");
                    break;
                case 3:
                    story.Halve($"{name} gives half of the {things} to {friend}.");
                    break;
                default:
                    var found = random.Next(2, 40);
                    story.Add(found, $"{friend} gives {name} {found} more {things}.");
                    break;
            }
        }
        return ("quantities", story, $"How many {things} does {name} have now?", $"how many {things} {name} has at the end");
    }

    static (string, WordProblemStory, string, string) Money(Random random, int events, string name)
    {
        var story = new WordProblemStory(money: true, "dollars");
        var start = random.Next(20, 200) * 100L;
        story.Start(start, $"{name} has ${start / 100}.", "");
        for (var i = 0; i < events; i++)
        {
            var goods = Phrasing.Pick(random, Goods);
            var price = random.Next(1, 13) * 100L + (random.Next(3) == 0 ? 50 : random.Next(5) == 0 ? 25 : 0);
            var count = random.Next(2, 7);
            if (random.Next(3) > 0 && count * price <= story.Value)
                story.AddProduct(count, price, true, $"{name} buys {count} {goods} at {story.Show(price)} each.");
            else
            {
                var earned = random.Next(5, 60) * 100L;
                story.Add(earned, $"Then {name} earns {story.Show(earned)} {Phrasing.Pick(random, new[] { "babysitting", "selling lemonade", "walking dogs", "mowing lawns" })}.");
            }
        }
        var question = Phrasing.Pick(random, new[] { $"How much money does {name} have now?", $"How many dollars does {name} have left?", $"How much money does {name} end up with?" });
        return ("money", story, question, $"how much money {name} has at the end");
    }

    static (string, WordProblemStory, string, string) Rate(Random random, int events, string name)
    {
        var (subject, verb, rate, time, unit) = Phrasing.Pick(random, Rates);
        subject = string.Format(subject, name);
        var story = new WordProblemStory(money: false, unit);
        var title = char.ToUpperInvariant(subject[0]) + subject[1..];
        for (var i = 0; i < events; i++)
        {
            if (i == 0 || random.Next(3) > 0)
            {
                int speed = random.Next(2, 60), duration = random.Next(2, 10);
                story.AddProduct(duration, speed, false,
                    i == 0 ? $"{title} {verb} {speed} {rate} for {duration} {time}." : $"Then {Pronoun(subject)} {verb} {speed} {rate} for {duration} more {time}.",
                    $"{duration} {time} at {speed}", eachFirst: true);
            }
            else
            {
                var extra = random.Next(3, 80);
                story.Add(extra, $"After that {Pronoun(subject)} {verb} another {extra} {unit}.");
            }
        }
        var question = $"How many {unit} does {Pronoun(subject)} {Base(verb)} in total?";
        return ("rate:" + unit, story, question, $"the total {unit}");
    }

    static (string, WordProblemStory, string, string) Time(Random random, int events, string name)
    {
        var story = new WordProblemStory(money: false, "minutes");
        for (var i = 0; i < events; i++)
        {
            var activity = Phrasing.Pick(random, Activities);
            switch (random.Next(3))
            {
                case 0:
                    var minutes = random.Next(5, 60);
                    story.Add(minutes, $"{name} spends {minutes} minutes on {activity}.", $"{activity}");
                    break;
                case 1:
                    int hours = random.Next(1, 3), extra = random.Next(1, 12) * 5;
                    story.AddProduct(hours, 60, false, $"{name} spends {hours} hour{(hours > 1 ? "s" : "")} {extra} minutes on {activity}.", $"{activity}, {hours} h");
                    story.Add(extra, "");
                    break;
                default:
                    int sessions = random.Next(2, 6), each = random.Next(2, 13) * 5;
                    story.AddProduct(sessions, each, false, $"{name} does {sessions} sessions of {activity}, {each} minutes each.", $"{sessions} sessions of {each} min");
                    break;
            }
        }
        return ("time", story, $"How many minutes does {name} spend in total?", $"the total minutes {name} spends");
    }

    /// <summary>"1 apple", "2 apples": every object list entry is a regular plural.</summary>
    static string Noun(long count, string plural) => count == 1 ? plural[..^1] : plural;

    static string Pronoun(string subject) => subject.StartsWith("a ", StringComparison.Ordinal) ? "the " + subject[2..] : subject;

    static string Base(string verb) => verb[..^1]; // travels → travel, reads → read
}
