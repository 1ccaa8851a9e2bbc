namespace Ponder.Tasks.Tests;

public class SplitTests
{
    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void Train_validation_and_test_problems_are_disjoint(string name)
    {
        var task = Samples.Task(name);
        var random = new Random(3);
        var ids = Enum.GetValues<Split>().ToDictionary(split => split, split =>
            task.Levels.All.SelectMany(level => Enumerable.Range(0, split == Split.Train ? 200 : 40)
                .Select(_ => task.Generate(level, random, split))).Select(p =>
                {
                    Assert.Equal(split, p.Split);
                    return p.Id;
                }).ToHashSet());
        Assert.Empty(ids[Split.Train].Intersect(ids[Split.Validation]));
        Assert.Empty(ids[Split.Train].Intersect(ids[Split.Test]));
        Assert.Empty(ids[Split.Validation].Intersect(ids[Split.Test]));
    }

    [Theory]
    [MemberData(nameof(Samples.TaskNames), MemberType = typeof(Samples))]
    public void A_problem_lands_in_the_same_split_whatever_its_phrasing(string name)
    {
        var task = Samples.Task(name);
        var problems = task.Levels.All.SelectMany(level => Samples.Draw(task, level, 250, seed: level)).ToList();
        foreach (var group in problems.GroupBy(p => p.Id))
            Assert.Single(group.Select(p => p.Split).Distinct());
        var shares = problems.DistinctBy(p => p.Id).GroupBy(p => p.Split).ToDictionary(g => g.Key, g => g.Count());
        var total = shares.Values.Sum();
        Assert.InRange(shares[Split.Train] / (double)total, 0.7, 0.9);
        Assert.InRange(shares[Split.Test] / (double)total, 0.05, 0.15);
    }

    [Fact]
    public void The_split_hash_is_stable_across_processes_and_machines()
    {
        Assert.Equal(0xaf63dc4c8601ec8cUL, SplitAssigner.Fnv1a("a")); // published FNV-1a 64 test vector
        Assert.Equal(SplitAssigner.Assign("addition", "347+589"), SplitAssigner.Assign("addition", "347+589"));
    }
}
