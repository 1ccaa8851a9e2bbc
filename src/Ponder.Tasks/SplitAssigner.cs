using System.Text;

namespace Ponder.Tasks;

/// <summary>Assigns a split from a stable 64-bit FNV-1a hash of the task name and the problem's canonical content,
/// so a problem lands in the same split in every process, on every machine, in every phrasing.
/// 80% train, 10% validation, 10% test.</summary>
public static class SplitAssigner
{
    const int TrainPercent = 80, ValidationPercent = 10;

    public static Split Assign(string task, string canonicalContent)
    {
        var bucket = Fnv1a(task + "\n" + canonicalContent) % 100;
        if (bucket < TrainPercent) return Split.Train;
        return bucket < TrainPercent + ValidationPercent ? Split.Validation : Split.Test;
    }

    public static ulong Fnv1a(string text)
    {
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(text)) { hash ^= b; hash *= prime; }
        return hash;
    }
}
