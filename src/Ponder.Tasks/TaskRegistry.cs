namespace Ponder.Tasks;

/// <summary>The catalog of reasoning tasks, looked up by name. <see cref="Default"/> holds every task Ponder trains on.</summary>
public sealed class TaskRegistry
{
    readonly Dictionary<string, ReasoningTask> tasks;

    public TaskRegistry(IEnumerable<ReasoningTask> tasks) =>
        this.tasks = tasks.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public static TaskRegistry Default { get; } = new([
        new AdditionTask(), new SubtractionTask(), new MultiplicationTask(), new ExpressionTask(),
        new WordProblemTask(), new ComparisonTask(), new BooleanLogicTask(),
    ]);

    public IReadOnlyCollection<ReasoningTask> All => tasks.Values;
    public IEnumerable<string> Names => tasks.Keys;

    /// <summary>The task called <paramref name="name"/> (case-insensitive); an unknown name lists the valid ones.</summary>
    public ReasoningTask Get(string name) =>
        tasks.TryGetValue(name, out var task) ? task
            : throw new ArgumentException($"Unknown task '{name}'. Valid tasks: {string.Join(", ", tasks.Keys)}.", nameof(name));

    /// <summary>Scores a reply to any problem from this registry's tasks: the same function eval and RL rewards call.</summary>
    public Score Evaluate(Problem problem, string reply) => Get(problem.Task).Evaluate(problem, reply);
}
