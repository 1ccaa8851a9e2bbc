using Ponder.Tasks;

namespace Ponder.Training;

/// <summary>Which tasks training draws from and at which levels, parsed from "name[:min-max],…" ("all" = every task
/// at its trained levels). Each entry is drawn equally often. Levels beyond a task's trained range are refused:
/// they exist to measure out-of-distribution generalisation, which training on them would spoil.</summary>
public sealed class TaskMix
{
    public sealed record Entry(ReasoningTask Task, int MinLevel, int MaxLevel)
    {
        public override string ToString() => $"{Task.Name}:{MinLevel}-{MaxLevel}";
    }

    public IReadOnlyList<Entry> Entries { get; }

    TaskMix(IReadOnlyList<Entry> entries) => Entries = entries;

    public static TaskMix Parse(string spec, TaskRegistry? registry = null)
    {
        registry ??= TaskRegistry.Default;
        if (string.IsNullOrWhiteSpace(spec)) throw new TrainConfigException("the task list is empty; use \"all\" or e.g. \"addition:1-4,multiplication\".");
        if (spec.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            return new(registry.All.OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => new Entry(t, t.Levels.Min, t.Levels.MaxTrained)).ToList());

        var entries = new List<Entry>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, range) = part.IndexOf(':') is var colon and >= 0 ? (part[..colon], part[(colon + 1)..]) : (part, null);
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
            entries.Add(new Entry(task, min, max));
        }
        if (entries.Count == 0) throw new TrainConfigException("the task list is empty; use \"all\" or e.g. \"addition:1-4\".");
        return new(entries);
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
