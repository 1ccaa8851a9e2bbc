namespace Ponder.Tasks;

/// <summary>Column names for column arithmetic: ones, tens, hundreds, …; "column 13" beyond the named ones.</summary>
public static class PlaceNames
{
    static readonly string[] Names =
    [
        "ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands", "millions", "ten-millions",
        "hundred-millions", "billions", "ten-billions", "hundred-billions",
    ];

    public static string Of(int place) => place < Names.Length ? Names[place] : $"column {place + 1}";

    /// <summary>Digit at <paramref name="place"/> (0 = ones) of a non-negative number, 0 beyond its length.</summary>
    public static int Digit(long value, int place)
    {
        for (var i = 0; i < place; i++) value /= 10;
        return (int)(value % 10);
    }

    public static int Length(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    /// <summary>A uniformly drawn number with exactly <paramref name="digits"/> digits (0..9 for one digit).</summary>
    public static long WithDigits(Random random, int digits)
    {
        if (digits == 1) return random.Next(10);
        var low = (long)Math.Pow(10, digits - 1);
        return random.NextInt64(low, low * 10);
    }
}
