using Ponder.Model.Tokenizer;
using Ponder.Tasks;

namespace Ponder.Training.Tests;

public sealed class DataTests
{
    static readonly SentencePieceTokenizer Tokenizer = new(PonderVocabulary.Build());

    [Theory]
    [InlineData(TrainingMode.Instant, "The answer is 42.<|end|>")]
    [InlineData(TrainingMode.Thinking, "40+2\n0+2=2\n4+0=4\n=42</think> The answer is 42.<|end|>")]
    // Decode drops the space prefix of its first piece; the one after </think> stays, as llama.cpp tokenises it.
    public void The_loss_mask_covers_exactly_the_assistant_reply(TrainingMode mode, string reply)
    {
        var example = SftExample.Build(Tokenizer, "What is 40 + 2?", "40+2\n0+2=2\n4+0=4\n=42", "The answer is 42.", mode, "test");
        var batch = MicroBatch.Pack([example]);
        var targets = batch.Targets.Where(t => t != MicroBatch.Ignore).Select(t => (int)t).ToArray();
        Assert.Equal(batch.TargetCount, targets.Length);
        Assert.Equal(reply, Tokenizer.Decode(targets, renderSpecial: true));
        // Every masked position predicts a prompt token; the prompt ends with the think marker(s).
        var prompt = Tokenizer.Decode(example.Tokens[..example.PromptLength], renderSpecial: true);
        Assert.EndsWith(mode == TrainingMode.Instant ? "<|assistant|><think></think>" : "<|assistant|><think>", prompt);
        // As in llama.cpp, the tokenizer puts a space prefix on the text after each control token.
        Assert.StartsWith("<s><|user|> What is 40 + 2?<|end|>", prompt);
    }

    [Fact]
    public void Padding_is_never_a_target_and_rows_keep_their_own_tokens()
    {
        var shortOne = SftExample.Build(Tokenizer, "1+1=", "", "2", TrainingMode.Instant, "a");
        var longOne = SftExample.Build(Tokenizer, "What is 12 + 30?", "12+30\n2+0=2\n1+3=4\n=42", "42", TrainingMode.Thinking, "b");
        var batch = MicroBatch.Pack([shortOne, longOne]);
        Assert.Equal(2, batch.Rows);
        Assert.Equal(longOne.Length - 1, batch.Columns);
        var shortTargets = batch.Targets.AsSpan(0, batch.Columns).ToArray();
        Assert.All(shortTargets[(shortOne.Length - 1)..], t => Assert.Equal(MicroBatch.Ignore, t));
        Assert.Equal(shortOne.Length - shortOne.PromptLength + longOne.Length - longOne.PromptLength, batch.TargetCount);
        Assert.Equal(shortOne.Length - 1 + longOne.Length - 1, batch.Tokens); // the short row's padding is not counted
        Assert.True(batch.Tokens < batch.PaddedTokens);
    }

    [Fact]
    public void Weighted_entries_are_drawn_in_proportion_to_their_weights()
    {
        var mix = TaskMix.Parse("addition:1-2*3, comparison");
        Assert.Equal((1, 2, 3.0), (mix.Entries[0].MinLevel, mix.Entries[0].MaxLevel, mix.Entries[0].Weight));
        Assert.Equal("addition:1-2*3,comparison:1-4", mix.ToString());
        var random = new Random(1);
        var draws = Enumerable.Range(0, 20_000).Select(_ => mix.Pick(random)).ToList();
        Assert.InRange(draws.Count(d => d == 0) / 20_000.0, 0.73, 0.77);
        // A dataset beside the tasks weighs 1.
        var withDataset = Enumerable.Range(0, 20_000).Select(_ => mix.Pick(random, extra: 1)).ToList();
        Assert.InRange(withDataset.Count(d => d == 2) / 20_000.0, 0.18, 0.22);
    }

    [Fact]
    public void An_unweighted_mix_draws_as_it_did_before_weights_existed()
    {
        var mix = TaskMix.Parse("addition, comparison*1, boolean-logic");
        Random a = new(7), b = new(7);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(b.Next(4), mix.Pick(a, extra: 1)));
    }

    [Fact]
    public void The_data_stream_is_a_function_of_seed_and_step()
    {
        var config = new TrainConfig(Context: 512, Tasks: "addition:1-3,multiplication:1-2", BatchTokens: 2048, MicroBatchTokens: 1024);
        var mix = TaskMix.Parse(config.Tasks);
        var a = new SftDataStream(config, mix, Tokenizer);
        var b = new SftDataStream(config, mix, Tokenizer);
        Assert.Equal(a.ExamplesForStep(5).Select(e => string.Join(' ', e.Tokens)), b.ExamplesForStep(5).Select(e => string.Join(' ', e.Tokens)));
        Assert.NotEqual(a.ExamplesForStep(5).Select(e => e.Length), a.ExamplesForStep(6).Select(e => e.Length));
        var other = new SftDataStream(config with { Seed = 2 }, mix, Tokenizer);
        Assert.NotEqual(a.ExamplesForStep(5).Select(e => e.Length), other.ExamplesForStep(5).Select(e => e.Length));

        var examples = a.ExamplesForStep(3);
        Assert.True(examples.Sum(e => e.Length) >= config.BatchTokens);
        Assert.Contains(examples, e => e.Mode == TrainingMode.Instant);
        Assert.Contains(examples, e => e.Mode == TrainingMode.Thinking);
        var batches = a.BatchesForStep(3);
        Assert.All(batches, m => Assert.True(m.PaddedTokens <= config.MicroBatchLimit));
        Assert.Equal(examples.Count, batches.Sum(m => m.Rows));
    }

    [Fact]
    public void By_default_a_micro_batch_holds_one_context_of_padded_tokens()
    {
        var config = new TrainConfig(Context: 256, Tasks: "addition:1-3,multiplication:1-2", BatchTokens: 2048);
        config.Validate();
        var batches = new SftDataStream(config, TaskMix.Parse(config.Tasks), Tokenizer).BatchesForStep(1);
        Assert.All(batches, m => Assert.True(m.PaddedTokens <= 256));
        Assert.True(batches.Count >= 2048 / 256); // the step is split, not one padded block
    }

    [Fact]
    public void Training_problems_come_from_the_train_split_and_validation_from_the_validation_split()
    {
        var mix = TaskMix.Parse("addition:1-3");
        var validation = ValidationSet.Build(mix, 20, seed: 1);
        Assert.All(validation.Problems, p => Assert.Equal(Split.Validation, p.Split));
        Assert.Equal(validation.Problems.Select(p => p.Id), ValidationSet.Build(mix, 20, seed: 1).Problems.Select(p => p.Id));
    }

    [Fact]
    public void Validation_measures_each_task_and_level_equally_however_the_mix_weighs_them()
    {
        static string[] Ids(string spec) => ValidationSet.Build(TaskMix.Parse(spec), 60, seed: 1).Problems.Select(p => p.Id).ToArray();
        var plain = Ids("addition:1-4,multiplication:1-4");
        Assert.Equal(plain, Ids("addition:1-4*3,multiplication:1-2*0.4,multiplication:3-4*0.6"));
        Assert.Equal(plain, Ids("addition:1-2,multiplication:1-4,addition:3-4"));

        // A mix of one entry per task validates on the problems it always has: round-robin over the entries, a level
        // drawn uniformly from each one's range.
        var random = new Random(1 * 7919 + 17);
        var entries = TaskMix.Parse("addition:1-4,multiplication:1-4").Entries;
        var before = Enumerable.Range(0, 60).Select(i => entries[i % 2])
            .Select(e => e.Task.Generate(random.Next(e.MinLevel, e.MaxLevel + 1), random, Split.Validation).Id);
        Assert.Equal(before, plain);
    }

    [Fact]
    public void The_learning_rate_warms_up_linearly_then_decays_by_cosine_to_its_floor()
    {
        var c = new TrainConfig(Steps: 110, LearningRate: 1e-3, WarmupSteps: 10, MinLearningRateFraction: 0.1);
        Assert.Equal(1e-4, LearningRateSchedule.At(c, 0), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(c, 9), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(c, 10), 12);
        Assert.Equal(0.55e-3, LearningRateSchedule.At(c, 60), 12);
        Assert.Equal(1e-4, LearningRateSchedule.At(c, 110), 12);
    }

    [Fact]
    public void The_linear_decay_falls_in_equal_steps_to_its_floor()
    {
        var c = new TrainConfig(Steps: 110, LearningRate: 1e-3, WarmupSteps: 10, MinLearningRateFraction: 0, Decay: "linear");
        Assert.Equal(1e-3, LearningRateSchedule.At(c, 10), 12);
        Assert.Equal(0.75e-3, LearningRateSchedule.At(c, 35), 12);
        Assert.Equal(0.5e-3, LearningRateSchedule.At(c, 60), 12);
        Assert.Equal(0, LearningRateSchedule.At(c, 110), 12);
    }

    [Fact]
    public void A_config_saved_before_the_decay_was_a_setting_resumes_with_cosine()
    {
        var saved = System.Text.Json.Nodes.JsonNode.Parse(new TrainConfig(Decay: "linear").ToJson())!.AsObject();
        Assert.True(saved.Remove(nameof(TrainConfig.Decay)));
        Assert.Equal(LearningRateSchedule.CosineName, TrainConfig.FromJson(saved.ToJsonString()).Decay);
    }

    [Fact]
    public void Weight_decay_skips_norms_and_the_embedding()
    {
        using var matrix = TorchSharp.torch.zeros(4, 4);
        using var vector = TorchSharp.torch.zeros(4);
        Assert.True(AdamW.Decays("blk.0.attn_q.weight", matrix));
        Assert.True(AdamW.Decays("output.weight", matrix));
        Assert.False(AdamW.Decays("token_embd.weight", matrix));
        Assert.False(AdamW.Decays("blk.0.attn_norm.weight", vector));
    }
}
