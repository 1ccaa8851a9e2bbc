using Ponder.Training.Compression;

namespace Ponder.Training.Tests.Compression;

public sealed class CompressConfigTests
{
    static readonly CompressConfig Valid = new(From: "runs/sft");

    [Theory]
    [InlineData("from", "--from is required")]
    [InlineData("group", "group size 1 is out of range; use 2..256")]
    [InlineData("alpha", "alpha 1.5 must be between 0 and 1")]
    [InlineData("negative-alpha", "alpha -0.1 must be between 0 and 1")]
    [InlineData("temperature", "temperature 0 must be in (0, 5]")]
    [InlineData("prompts", "prompts per step 0 is out of range")]
    [InlineData("lr", "learning rate 2 must be in (0, 1)")]
    [InlineData("clip", "clip epsilon 1 must be in [0, 1)")]
    [InlineData("kl", "KL coefficient -1 must be zero (off) or positive")]
    [InlineData("epochs", "epochs 0 is out of range")]
    [InlineData("thinking", "max thinking tokens 0 is out of range")]
    [InlineData("warmup", "penalty warm-up and ramp steps must not be negative")]
    [InlineData("export", "export type 'Q4_K' is not supported")]
    [InlineData("steps", "steps must be positive, not 0")]
    public void An_impossible_setting_is_refused_naming_it(string which, string message)
    {
        var c = which switch
        {
            "from" => Valid with { From = "" },
            "group" => Valid with { GroupSize = 1 },
            "alpha" => Valid with { Alpha = 1.5 },
            "negative-alpha" => Valid with { Alpha = -0.1 },
            "temperature" => Valid with { Temperature = 0 },
            "prompts" => Valid with { PromptsPerStep = 0 },
            "lr" => Valid with { LearningRate = 2 },
            "clip" => Valid with { ClipEpsilon = 1 },
            "kl" => Valid with { KlCoefficient = -1 },
            "epochs" => Valid with { Epochs = 0 },
            "thinking" => Valid with { MaxThinkingTokens = 0 },
            "warmup" => Valid with { PenaltyRampSteps = -3 },
            "export" => Valid with { ExportType = "Q4_K" },
            _ => Valid with { Steps = 0 },
        };
        var e = Assert.Throws<TrainConfigException>(c.Validate);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_defaults_are_valid_and_survive_a_json_round_trip()
    {
        Valid.Validate();
        // The shipped model's recipe (runs/compress-default.sh) is the default, so a bare `ponder compress` runs it.
        Assert.Equal((0.8, 20, 40, 1.2e-4, 0.1, 320, 1000), (Valid.Alpha, Valid.PenaltyWarmupSteps, Valid.PenaltyRampSteps,
            Valid.LearningRate, Valid.MinLearningRateFraction, Valid.MaxThinkingTokens, Valid.Steps));
        var custom = Valid with { Reward = LengthReward.Shortest, Alpha = 0.35, KlCoefficient = 0.01 };
        Assert.Equal(custom, CompressConfig.FromJson(custom.ToJson()));
        Assert.Contains("\"Reward\": \"Shortest\"", custom.ToJson());
    }

    [Fact]
    public void The_penalty_is_off_during_its_warm_up_then_ramps_linearly_to_alpha()
    {
        var c = Valid with { Alpha = 0.4, PenaltyWarmupSteps = 10, PenaltyRampSteps = 4 };
        Assert.Equal(0, c.AlphaAt(0));
        Assert.Equal(0, c.AlphaAt(9));
        Assert.Equal(0.1, c.AlphaAt(10), 12);
        Assert.Equal(0.3, c.AlphaAt(12), 12);
        Assert.Equal(0.4, c.AlphaAt(13), 12);
        Assert.Equal(0.4, c.AlphaAt(500), 12);
        Assert.Equal(0.4, (Valid with { Alpha = 0.4, PenaltyWarmupSteps = 0, PenaltyRampSteps = 0 }).AlphaAt(0)); // no warm-up: α from step 0
    }

    [Fact]
    public void The_learning_rate_decays_by_a_cosine_to_its_floor_at_the_last_step_or_stays_constant_at_fraction_one()
    {
        var constant = Valid with { LearningRate = 1e-4, Steps = 100, MinLearningRateFraction = 1 };
        Assert.Equal(1e-4, constant.LearningRateAt(0), 12);
        Assert.Equal(1e-4, constant.LearningRateAt(99), 12);
        var cosine = constant with { MinLearningRateFraction = 0.1 };
        Assert.Equal(1e-4, cosine.LearningRateAt(0), 12);
        Assert.Equal(0.55e-4, cosine.LearningRateAt(50), 12);
        Assert.Equal(1e-5, cosine.LearningRateAt(100), 12);
        Assert.Equal(1e-5, cosine.LearningRateAt(300), 12); // past the last step it stays at the floor
        Assert.Throws<TrainConfigException>(() => (Valid with { MinLearningRateFraction = 1.5 }).Validate());
    }
}
