namespace Ponder.Gguf;

/// <summary>One metadata value: its GGUF type and the value itself (a boxed scalar, a string or a <see cref="GgufArray"/>).
/// The type is kept exactly so that a file written back is byte-identical to the one read.</summary>
public sealed class GgufValue
{
    GgufValue(GgufValueType type, object value) { Type = type; Value = value; }

    public GgufValueType Type { get; }
    public object Value { get; }

    public static GgufValue UInt8(byte v) => new(GgufValueType.UInt8, v);
    public static GgufValue Int8(sbyte v) => new(GgufValueType.Int8, v);
    public static GgufValue UInt16(ushort v) => new(GgufValueType.UInt16, v);
    public static GgufValue Int16(short v) => new(GgufValueType.Int16, v);
    public static GgufValue UInt32(uint v) => new(GgufValueType.UInt32, v);
    public static GgufValue Int32(int v) => new(GgufValueType.Int32, v);
    public static GgufValue Float32(float v) => new(GgufValueType.Float32, v);
    public static GgufValue Bool(bool v) => new(GgufValueType.Bool, v);
    public static GgufValue String(string v) => new(GgufValueType.String, v);
    public static GgufValue UInt64(ulong v) => new(GgufValueType.UInt64, v);
    public static GgufValue Int64(long v) => new(GgufValueType.Int64, v);
    public static GgufValue Float64(double v) => new(GgufValueType.Float64, v);
    public static GgufValue Array(GgufArray v) => new(GgufValueType.Array, v);

    public string AsString() => Value as string ?? throw Mismatch("a string");

    public bool AsBool() => Value is bool b ? b : throw Mismatch("a bool");

    public GgufArray AsArray() => Value as GgufArray ?? throw Mismatch("an array");

    /// <summary>Any integer type, widened; writers disagree on the width of counts, llama.cpp accepts them all.</summary>
    public long AsInt64() => Value switch
    {
        byte v => v, sbyte v => v, ushort v => v, short v => v, uint v => v, int v => v, long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        _ => throw Mismatch("an integer"),
    };

    public double AsDouble() => Value switch
    {
        float v => v, double v => v,
        _ => AsInt64(),
    };

    InvalidCastException Mismatch(string expected) => new($"Expected {expected}, found a {Type} value.");

    public override string ToString() => Value switch
    {
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A GGUF array: its element type and the elements as a typed .NET array
/// (byte[], float[], string[], GgufArray[] for nested arrays, …).</summary>
public sealed class GgufArray
{
    public GgufArray(GgufValueType elementType, System.Array items)
    {
        var expected = ClrType(elementType);
        if (items.GetType().GetElementType() != expected)
            throw new ArgumentException($"A {elementType} array needs a {expected.Name}[], got {items.GetType().Name}.", nameof(items));
        ElementType = elementType;
        Items = items;
    }

    public GgufValueType ElementType { get; }
    public System.Array Items { get; }
    public int Count => Items.Length;

    public static GgufArray Of(params string[] items) => new(GgufValueType.String, items);
    public static GgufArray Of(params float[] items) => new(GgufValueType.Float32, items);
    public static GgufArray Of(params int[] items) => new(GgufValueType.Int32, items);

    public T[] As<T>() => Items as T[] ?? throw new InvalidCastException($"Expected an array of {typeof(T).Name}, found {ElementType}[].");

    internal static Type ClrType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte), GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort), GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint), GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float), GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string), GgufValueType.Array => typeof(GgufArray),
        GgufValueType.UInt64 => typeof(ulong), GgufValueType.Int64 => typeof(long),
        GgufValueType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a GGUF value type."),
    };
}
