namespace Ponder.Reasoning.Answers;

/// <summary>Confidence-weighted majority vote (DeepConf): candidates are grouped by normalised key, each group weighs
/// the sum of its members' confidences, the heaviest wins. Ties go to the larger group, then to the group whose best
/// member is more confident, then to the earliest agent. Empty keys (no answer) do not vote.</summary>
public static class WeightedVote
{
    public static VoteOutcome? Decide(IEnumerable<VoteCandidate> candidates)
    {
        var voting = candidates.Where(c => c.Key.Length > 0).ToList();
        if (voting.Count == 0) return null;
        // Weights must be positive for shares to mean anything; a zero-confidence trace still counts a little.
        static double W(VoteCandidate c) => double.IsFinite(c.Weight) && c.Weight > 0 ? c.Weight : 1e-9;
        var groups = voting.GroupBy(c => c.Key)
            .Select(g => new VoteGroup(g.Key, g.Sum(W), g.OrderByDescending(W).ThenBy(c => c.Agent).ToList()))
            .OrderByDescending(g => g.Weight).ThenByDescending(g => g.Members.Count)
            .ThenByDescending(g => W(g.Members[0])).ThenBy(g => g.Members.Min(m => m.Agent))
            .ToList();
        var total = groups.Sum(g => g.Weight);
        var win = groups[0];
        return new VoteOutcome(win.Key, win.Members[0].Answer, win.Members[0].Agent, win.Members.Count, win.Weight / total, groups);
    }
}
