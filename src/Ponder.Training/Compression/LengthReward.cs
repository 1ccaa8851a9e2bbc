namespace Ponder.Training.Compression;

/// <summary>How a correct sample's length is penalised relative to its group's other correct samples.</summary>
public enum LengthReward
{
    /// <summary>Arora &amp; Zanette (2025): σ((len − mean) / std) over the group's correct samples — shorter than the
    /// group's typical correct answer scores above 1 − α/2, longer below.</summary>
    Sigmoid,
    /// <summary>ShorterBetter-style (Yi et al., 2025): the relative distance to the group's shortest correct sample,
    /// (len − shortest) / shortest, capped at 1.</summary>
    Shortest,
}
