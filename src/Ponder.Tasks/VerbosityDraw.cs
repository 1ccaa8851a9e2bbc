namespace Ponder.Tasks;

/// <summary>Draws a scratchpad's verbosity uniformly from the problem's seeded Random.</summary>
public static class VerbosityDraw
{
    public static Verbosity Next(Random random) => (Verbosity)random.Next(3);
}
