namespace Ponder.Gguf;

/// <summary>The key/value metadata of a GGUF file, in file order (order matters for byte-identical writes).</summary>
public sealed class GgufMetadata : IEnumerable<KeyValuePair<string, GgufValue>>
{
    readonly List<string> order = [];
    readonly Dictionary<string, GgufValue> values = new(StringComparer.Ordinal);

    public int Count => order.Count;

    public IEnumerable<string> Keys => order;

    /// <summary>Sets a key; a key already present keeps its position.</summary>
    public void Set(string key, GgufValue value)
    {
        if (!values.ContainsKey(key)) order.Add(key);
        values[key] = value;
    }

    public bool Remove(string key) => values.Remove(key) && order.Remove(key);

    public bool Contains(string key) => values.ContainsKey(key);

    public bool TryGet(string key, out GgufValue value) => values.TryGetValue(key, out value!);

    public GgufValue this[string key] =>
        values.TryGetValue(key, out var v) ? v : throw new GgufFormatException($"missing required key '{key}'.");

    public string GetString(string key) => Typed(key, v => v.AsString(), "a string");

    public long GetInt(string key) => Typed(key, v => v.AsInt64(), "an integer");

    public double GetFloat(string key) => Typed(key, v => v.AsDouble(), "a number");

    public bool GetBool(string key) => Typed(key, v => v.AsBool(), "a bool");

    public GgufArray GetArray(string key) => Typed(key, v => v.AsArray(), "an array");

    public string? GetStringOrDefault(string key) => Contains(key) ? GetString(key) : null;

    public long GetIntOrDefault(string key, long fallback) => Contains(key) ? GetInt(key) : fallback;

    public double GetFloatOrDefault(string key, double fallback) => Contains(key) ? GetFloat(key) : fallback;

    public bool GetBoolOrDefault(string key, bool fallback) => Contains(key) ? GetBool(key) : fallback;

    T Typed<T>(string key, Func<GgufValue, T> read, string expected)
    {
        var value = this[key];
        try { return read(value); }
        catch (InvalidCastException) { throw new GgufFormatException($"key '{key}' should be {expected}, but it is a {value.Type}."); }
    }

    public IEnumerator<KeyValuePair<string, GgufValue>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, GgufValue>(k, values[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
