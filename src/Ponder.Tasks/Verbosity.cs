namespace Ponder.Tasks;

/// <summary>How much a reference scratchpad says around the same mechanical steps. Drawn per problem, so correct
/// thoughts of many lengths exist for thought compression to choose among.</summary>
public enum Verbosity
{
    /// <summary>The steps only, in compact notation.</summary>
    Terse,
    /// <summary>The steps in words, a restatement and a short check.</summary>
    Normal,
    /// <summary>Restatement, worded steps, a re-derived step and a check by the inverse operation.</summary>
    Elaborate,
}

public static class VerbosityDraw
{
    public static Verbosity Next(Random random) => (Verbosity)random.Next(3);
}
