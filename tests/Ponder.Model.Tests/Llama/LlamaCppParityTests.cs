using Ponder.Gguf;
using Ponder.Model.Llama;
using Xunit.Sdk;

namespace Ponder.Model.Tests.Llama;

/// <summary>The TorchSharp decoder and llama.cpp must compute the same function of the same GGUF: logits at every
/// position of several prompts, and identical greedy text.</summary>
public sealed class LlamaCppParityTests(ITestOutputHelper output)
{
    static readonly string[] Prompts = ["Once upon a time", "I believe the meaning of life is", "The little dog ran to the park and saw a big red ball."];

    [Fact]
    public void Stories260K_logits_match_llama_cpp_at_every_position()
    {
        var path = SharedFixtures.Stories260K;
        using var cpp = new LlamaCpp(path);
        using var model = LlamaModel.Load(path);
        var worst = Prompts.Max(p => { var t = cpp.Tokenize(p); return TestModels.MaxAbsDiff(TestModels.Logits(model, t), cpp.Logits(t)); });
        output.WriteLine($"stories260K F32: max |Δlogit| = {worst:E2}");
        Assert.True(worst <= 1e-3f, $"max |Δlogit| {worst:E2} > 1e-3");
    }

    [Fact]
    public void Stories260K_greedy_continuation_matches_llama_cpp_for_64_tokens()
    {
        var path = SharedFixtures.Stories260K;
        using var cpp = new LlamaCpp(path);
        using var model = LlamaModel.Load(path);
        var prompt = cpp.Tokenize("Once upon a time");
        using var sampler = new LlamaSampler(SamplingOptions.Greedy);
        var ours = model.Generate([prompt], 64, sampler)[0];
        Assert.Equal(cpp.Greedy(prompt, 64), ours);
    }

    // A file converted by llama.cpp with F16 matrices and the 32,000-token Llama-2 vocabulary. llama.cpp rounds the
    // activations to F16 before each matmul, but in this 8-wide, 1-block model that stays under 1e-3 (measured 7.9e-5).
    [Fact]
    public void Llama2_tiny_random_F16_logits_match_llama_cpp()
    {
        var path = SharedFixtures.Llama2TinyRandom;
        using var cpp = new LlamaCpp(path);
        using var model = LlamaModel.Load(path);
        var worst = Prompts.Max(p => { var t = cpp.Tokenize(p); return TestModels.MaxAbsDiff(TestModels.Logits(model, t), cpp.Logits(t)); });
        output.WriteLine($"llama-2-tiny-random F16: max |Δlogit| = {worst:E2}");
        Assert.True(worst <= 1e-3f, $"max |Δlogit| {worst:E2} > 1e-3");
    }

    // Tolerances for Ponder-written random models (matrices N(0, 1/fan_in), |logits| up to ~4). F32 has no excuse
    // to differ (measured 2e-6 untied, 2e-5 tied). Measured on this model: F16 2.0e-3, Q8_0 5.6e-2; tolerances
    // give 3-5× margin. For F16 and Q8_0 TorchSharp multiplies by the
    // dequantised weights in F32, but ggml's CPU matmul converts the ACTIVATIONS to the weight's vec_dot type
    // first — F16 (~5e-4 relative rounding) or Q8_0 (8-bit blocks of 32, ~0.4% relative) — so llama.cpp's logits
    // carry that extra rounding error, accumulated over the blocks.
    [Theory]
    [InlineData(GgmlType.F32, false, 1e-3f)]
    [InlineData(GgmlType.F32, true, 1e-3f)]
    [InlineData(GgmlType.F16, false, 1e-2f)]
    [InlineData(GgmlType.Q8_0, false, 0.15f)]
    public void Random_model_written_by_Ponder_matches_llama_cpp(GgmlType storeAs, bool tiedOutput, float tolerance)
    {
        var path = TestModels.WriteRandom(TestModels.Gqa with { TiedOutput = tiedOutput }, seed: 7, storeAs);
        try
        {
            using var cpp = new LlamaCpp(path);
            using var model = LlamaModel.Load(path);
            var worst = Enumerable.Range(0, 4).Max(s =>
            {
                var tokens = TestModels.RandomTokens(s, 8 + 12 * s, TestModels.VocabSize);
                return TestModels.MaxAbsDiff(TestModels.Logits(model, tokens), cpp.Logits(tokens));
            });
            output.WriteLine($"random GQA model {storeAs}{(tiedOutput ? " tied" : "")}: max |Δlogit| = {worst:E2} (tolerance {tolerance:G2})");
            Assert.True(worst <= tolerance, $"max |Δlogit| {worst:E2} > {tolerance:G2}");
        }
        finally { File.Delete(path); }
    }

    // The Q8_0 difference above is llama.cpp's activation quantization and nothing else: with it reproduced on the
    // TorchSharp side (ActivationRounding), the two agree as closely as in F32 (measured ≤ 1.5e-6) for prompts of up
    // to 32 tokens. At 44 tokens llama.cpp takes another matmul path (4.4e-2 even with the emulation; not pinned
    // down), hence the prompt lengths here. The same emulation makes single F16 tensors, and all F16 matrices but
    // token_embd, agree to ≤ 1.2e-5; with token_embd also F16 a 8e-4 residual remains, also not pinned down.
    [Fact]
    public void Q8_0_model_matches_llama_cpp_to_F32_precision_once_its_activation_quantization_is_reproduced()
    {
        var path = TestModels.WriteRandom(TestModels.Gqa, seed: 7, GgmlType.Q8_0);
        try
        {
            using var cpp = new LlamaCpp(path);
            using var model = LlamaModel.Load(path);
            ActivationRounding.Install(model, GgmlType.Q8_0);
            var worst = Enumerable.Range(0, 3).Max(s =>
            {
                var tokens = TestModels.RandomTokens(s, 8 + 12 * s, TestModels.VocabSize); // 8, 20, 32 tokens
                return TestModels.MaxAbsDiff(TestModels.Logits(model, tokens), cpp.Logits(tokens));
            });
            output.WriteLine($"random GQA model Q8_0, activation quantization reproduced: max |Δlogit| = {worst:E2}");
            Assert.True(worst <= 1e-4f, $"max |Δlogit| {worst:E2} > 1e-4");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Random_model_greedy_continuation_matches_llama_cpp_for_64_tokens()
    {
        var path = TestModels.WriteRandom(TestModels.Gqa, seed: 11, GgmlType.F32);
        try
        {
            using var cpp = new LlamaCpp(path);
            using var model = LlamaModel.Load(path);
            var prompt = TestModels.RandomTokens(3, 10, TestModels.VocabSize);
            using var sampler = new LlamaSampler(SamplingOptions.Greedy);
            Assert.Equal(cpp.Greedy(prompt, 64), model.Generate([prompt], 64, sampler)[0]);
        }
        finally { File.Delete(path); }
    }
}
