using Ponder.Training.Compression;

namespace Ponder.Training.Tests.Compression;

public sealed class GroupRewardTests
{
    static double[] Rewards(double alpha, LengthReward kind, params (bool Correct, int Length)[] group) =>
        GroupReward.Compute(group, alpha, kind);

    [Fact]
    public void Only_correct_samples_pay_the_length_penalty_and_shorter_ones_score_higher()
    {
        var r = Rewards(0.4, LengthReward.Sigmoid, (true, 10), (true, 20), (true, 30), (false, 5), (false, 50));
        Assert.True(r[0] > r[1] && r[1] > r[2], string.Join(", ", r));
        Assert.Equal(1 - 0.4 * 0.5, r[1], 12);                      // the mean length sits at σ(0) = ½
        Assert.Equal(1 - 0.4 / (1 + Math.Exp(Math.Sqrt(1.5))), r[0], 12); // z = −10 / std(10, 20, 30) = −√1.5
        Assert.Equal(0, r[3]);
        Assert.Equal(0, r[4]);                                     // incorrect: 0 whatever its length
        Assert.All(r[..3], x => Assert.InRange(x, 0.6, 1.0));
    }

    [Fact]
    public void The_penalty_is_normalised_within_the_group_so_the_scale_of_lengths_does_not_matter()
    {
        var easy = Rewards(0.3, LengthReward.Sigmoid, (true, 10), (true, 14), (false, 3), (true, 12));
        var hard = Rewards(0.3, LengthReward.Sigmoid, (true, 500), (true, 700), (false, 30), (true, 600));
        for (var i = 0; i < easy.Length; i++) Assert.Equal(easy[i], hard[i], 12);
        // Incorrect samples do not enter the statistics: a very long wrong answer leaves the correct ones unchanged.
        var withOutlier = Rewards(0.3, LengthReward.Sigmoid, (true, 10), (true, 14), (false, 3000), (true, 12));
        Assert.Equal(easy, withOutlier);
    }

    [Theory]
    [InlineData(LengthReward.Sigmoid)]
    [InlineData(LengthReward.Shortest)]
    public void A_group_with_no_correct_sample_gets_zero_rewards(LengthReward kind) =>
        Assert.Equal([0.0, 0, 0], Rewards(0.5, kind, (false, 10), (false, 20), (false, 30)));

    [Fact]
    public void A_single_correct_sample_sits_at_the_middle_of_the_penalty()
    {
        var r = Rewards(0.5, LengthReward.Sigmoid, (false, 10), (true, 40), (false, 90));
        Assert.Equal([0.0, 0.75, 0.0], r);
        // ShorterBetter-style: a lone correct sample is the group's shortest, so it pays nothing.
        Assert.Equal([0.0, 1.0, 0.0], Rewards(0.5, LengthReward.Shortest, (false, 10), (true, 40), (false, 90)));
    }

    [Fact]
    public void Shortest_penalises_the_relative_distance_to_the_shortest_correct_sample_capped_at_one()
    {
        var r = Rewards(0.5, LengthReward.Shortest, (true, 20), (true, 30), (true, 40), (true, 100), (false, 5));
        Assert.Equal(1.0, r[0], 12);
        Assert.Equal(1 - 0.5 * 0.5, r[1], 12);
        Assert.Equal(0.5, r[2], 12);
        Assert.Equal(0.5, r[3], 12); // 4× as long: the distance is capped at 1
        Assert.Equal(0.0, r[4]);     // shorter but wrong
    }

    [Theory]
    [InlineData(LengthReward.Sigmoid)]
    [InlineData(LengthReward.Shortest)]
    public void At_alpha_zero_the_reward_is_correctness_and_at_alpha_one_correct_never_scores_below_incorrect(LengthReward kind)
    {
        (bool, int)[] group = [(true, 3), (true, 300), (false, 1), (true, 40)];
        Assert.Equal([1.0, 1, 0, 1], GroupReward.Compute(group, 0, kind));
        var harsh = GroupReward.Compute(group, 1, kind);
        Assert.All(new[] { harsh[0], harsh[1], harsh[3] }, x => Assert.True(x >= harsh[2]));
    }
}
