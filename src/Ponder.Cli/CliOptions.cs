using System.Globalization;

namespace Ponder.Cli;

/// <summary>`--name value` options and positional arguments of one command. Unknown options and values outside
/// their range fail with a <see cref="CliUsageException"/> that names the option and what it accepts.</summary>
sealed class CliOptions
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    readonly HashSet<string> flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="known"/> lists the options that take a value,
    /// <paramref name="knownFlags"/> those that stand alone.</summary>
    public static CliOptions Parse(string[] args, string[] known, string[]? knownFlags = null)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--") { options.Positional.Add(arg); continue; }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[..eq] : arg;
            if (knownFlags?.Contains(name) == true) { options.flags.Add(name); continue; }
            if (!known.Contains(name))
                throw new CliUsageException($"unknown option '{name}'; this command takes {string.Join(", ", known.Concat(knownFlags ?? []))}.");
            if (eq > 0) options.values[name] = arg[(eq + 1)..];
            else if (i + 1 < args.Length) options.values[name] = args[++i];
            else throw new CliUsageException($"option '{name}' needs a value.");
        }
        return options;
    }

    public bool Flag(string name) => flags.Contains(name);

    public string String(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string? StringOrNull(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new CliUsageException($"{name} is '{text}'; expected an integer from {min} to {max}.");
        return v;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= min && v <= max))
            throw new CliUsageException($"{name} is '{text}'; expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return v;
    }
}
