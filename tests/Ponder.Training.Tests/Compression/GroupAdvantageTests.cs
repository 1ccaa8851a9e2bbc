using Ponder.Training.Compression;

namespace Ponder.Training.Tests.Compression;

public sealed class GroupAdvantageTests
{
    [Fact]
    public void The_advantage_is_the_reward_minus_the_group_mean_without_dividing_by_the_spread()
    {
        var a = GroupAdvantage.Compute([1.0, 0, 0, 0.6])!;
        Assert.Equal([0.6, -0.4, -0.4, 0.2], a.Select(x => Math.Round(x, 12)));
        Assert.Equal(0, a.Sum(), 12);
        // Scaling the rewards scales the advantages (a std-normalised advantage would not change).
        var scaled = GroupAdvantage.Compute([0.1, 0, 0, 0.06])!;
        for (var i = 0; i < a.Length; i++) Assert.Equal(a[i] / 10, scaled[i], 12);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(1.0, 1.0, 1.0)]
    [InlineData(0.75, 0.75, 0.75)]
    public void A_group_whose_rewards_are_all_equal_is_skipped(double a, double b, double c) =>
        Assert.Null(GroupAdvantage.Compute([a, b, c]));

    [Fact]
    public void All_correct_samples_of_one_length_teach_nothing_and_are_skipped()
    {
        var rewards = GroupReward.Compute([(true, 12), (true, 12), (true, 12)], 0.5, LengthReward.Sigmoid);
        Assert.Null(GroupAdvantage.Compute(rewards));
        var differentLengths = GroupReward.Compute([(true, 12), (true, 16), (true, 12)], 0.5, LengthReward.Sigmoid);
        Assert.NotNull(GroupAdvantage.Compute(differentLengths));
    }
}
