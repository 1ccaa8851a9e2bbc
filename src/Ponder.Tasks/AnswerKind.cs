namespace Ponder.Tasks;

/// <summary>What shape a final answer has, so extraction knows what to look for and how to compare.</summary>
public enum AnswerKind
{
    /// <summary>One number: integer, negative, decimal or fraction; commas and a leading $ are ignored.</summary>
    Number,
    /// <summary>Several numbers in order, e.g. a sorted list "3, 17, 42".</summary>
    NumberList,
    /// <summary>true or false (yes/no accepted).</summary>
    Boolean,
    /// <summary>Free text, compared case-insensitively after trimming.</summary>
    Text,
}
