using System.Globalization;
using Ponder.Tasks;

namespace Ponder.Training;

/// <summary>Which tasks training draws from and at which levels, parsed from "name[:min-max][*weight],…" ("all" =
/// every task at its trained levels). Entries are drawn in proportion to their weights (1 unless given). Levels
/// beyond a task's trained range are refused: they exist to measure out-of-distribution generalisation, which training
/// on them would spoil.</summary>
public sealed class TaskMix
{
    /// <summary>One task at a range of levels; <paramref name="Weight"/> is its share of the draws relative to the others.</summary>
    public sealed record Entry(ReasoningTask Task, int MinLevel, int MaxLevel, double Weight = 1)
    {
        public override string ToString() => $"{Task.Name}:{MinLevel}-{MaxLevel}" + (Weight == 1 ? "" : $"*{Weight.ToString("0.###", CultureInfo.InvariantCulture)}");
    }

    public IReadOnlyList<Entry> Entries { get; }

    TaskMix(IReadOnlyList<Entry> entries) => Entries = entries;

    /// <summary>Whether every entry has the same weight: then a draw is one <c>Random.Next(count)</c>, as before weights
    /// existed, so a run with an unweighted mix draws the same data it always did.</summary>
    public bool Uniform => Entries.All(e => e.Weight == Entries[0].Weight);

    /// <summary>Draws an index in [0, Entries.Count + extra) by weight; the extra indices (a dataset) weigh 1 each.</summary>
    public int Pick(Random random, int extra = 0)
    {
        if (Uniform && (extra == 0 || Entries[0].Weight == 1)) return random.Next(Entries.Count + extra);
        var x = random.NextDouble() * (Entries.Sum(e => e.Weight) + extra);
        for (var i = 0; i < Entries.Count; i++)
            if ((x -= Entries[i].Weight) < 0) return i;
        return Math.Min(Entries.Count + (int)x, Entries.Count + extra - 1);
    }

    public static TaskMix Parse(string spec, TaskRegistry? registry = null)
    {
        registry ??= TaskRegistry.Default;
        if (string.IsNullOrWhiteSpace(spec)) throw new TrainConfigException("the task list is empty; use \"all\" or e.g. \"addition:1-4,multiplication*2\".");
        if (spec.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            return new(registry.All.OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => new Entry(t, t.Levels.Min, t.Levels.MaxTrained)).ToList());

        var entries = new List<Entry>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (taskAndLevels, weight) = part.IndexOf('*') is var star and >= 0 ? (part[..star].Trim(), ParseWeight(part[(star + 1)..], part)) : (part, 1.0);
            var (name, range) = taskAndLevels.IndexOf(':') is var colon and >= 0 ? (taskAndLevels[..colon], taskAndLevels[(colon + 1)..]) : (taskAndLevels, null);
            ReasoningTask task;
            try { task = registry.Get(name); }
            catch (ArgumentException e) { throw new TrainConfigException(e.Message.Replace($" (Parameter '{e.ParamName}')", "")); }
            var (min, max) = range is null ? (task.Levels.Min, task.Levels.MaxTrained) : ParseRange(range, part);
            var levels = task.Levels;
            if (min > max) throw new TrainConfigException($"'{part}': the level range is empty ({min} > {max}).");
            if (min < levels.Min || max > levels.MaxOutOfDistribution)
                throw new TrainConfigException($"'{part}': task '{task.Name}' has no level {(min < levels.Min ? min : max)}; its levels are {levels.Min}..{levels.MaxOutOfDistribution} ({levels}).");
            if (max > levels.MaxTrained)
                throw new TrainConfigException($"'{part}': level {max} of '{task.Name}' is held out for out-of-distribution evaluation (trained levels {levels.Min}..{levels.MaxTrained}); train on {levels.Min}-{levels.MaxTrained} or less.");
            entries.Add(new Entry(task, min, max, weight));
        }
        if (entries.Count == 0) throw new TrainConfigException("the task list is empty; use \"all\" or e.g. \"addition:1-4\".");
        return new(entries);
    }

    static double ParseWeight(string text, string part)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && weight is > 0 and <= 1000)
            return weight;
        throw new TrainConfigException($"'{part}': the weight after '*' must be a number above 0 and at most 1000, e.g. multiplication*2.");
    }

    static (int, int) ParseRange(string range, string part)
    {
        var bounds = range.Split('-', StringSplitOptions.TrimEntries);
        if (bounds.Length is 1 or 2 && bounds.All(b => int.TryParse(b, out _)))
        {
            var min = int.Parse(bounds[0]);
            return (min, bounds.Length == 2 ? int.Parse(bounds[1]) : min);
        }
        throw new TrainConfigException($"'{part}': levels must be N or MIN-MAX, e.g. addition:1-4.");
    }

    public override string ToString() => string.Join(",", Entries);
}
