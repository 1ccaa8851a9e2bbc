using TorchSharp;
using Ponder.Model.Llama;
using static TorchSharp.torch;

namespace Ponder.Training.Compression;

/// <summary>The policy-gradient loss with token-level normalisation (Dr. GRPO): every sampled token of the step weighs
/// the same, so the loss is the sum over all of them divided by their total count — never a per-sequence mean, which
/// would give each token of a short answer more weight than one of a long answer and so bias the length the model
/// learns (towards long wrong answers and short right ones).
/// <code>loss = −Σ_tokens A_i · log π(token) / N  (+ β · Σ_tokens k3 / N)</code>
/// With old log-probabilities (inner epochs after the first, or clipping on) the per-token objective is PPO's
/// min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A) with ρ = π / π_old (unclipped ρ·A when ε is 0); at ρ = 1 its gradient is A·∇log π,
/// the plain policy gradient. k3 = exp(ref − log π) − (ref − log π) − 1 estimates KL(π ‖ π_ref) (Schulman 2020).</summary>
public static class PolicyLoss
{
    /// <summary>One micro-batch's share of the loss and its sums for logging (entropy and KL summed over its tokens).</summary>
    public sealed record Part(Tensor Loss, double EntropySum, double KlSum, int ClippedTokens);

    /// <summary>Log-probabilities of every target (B, T) under <paramref name="model"/> at the sampling temperature
    /// (the distribution the tokens were drawn from); 0 where there is no target. Also returns the log-softmax (B, T, V).</summary>
    public static (Tensor TargetLogProbs, Tensor LogSoftmax) LogProbs(LlamaModel model, PolicyBatch batch, double temperature)
    {
        using var scope = NewDisposeScope();
        using Scalar t = temperature, zeroIndex = 0L, ignore = (long)MicroBatch.Ignore, zero = 0.0; // explicit: implicit Scalars are freed on the finalizer thread, racing their native call
        var input = tensor(batch.Inputs).view(batch.Rows, batch.Columns);              // (B, T)
        var target = tensor(batch.Targets).view(batch.Rows, batch.Columns);            // (B, T)
        var logits = model.Forward(input) / t;                                         // (B, T, V)
        var logSoftmax = logits.log_softmax(-1);                                       // (B, T, V)
        var picked = logSoftmax.gather(-1, target.clamp_min(zeroIndex).unsqueeze(-1)).squeeze(-1); // (B, T)
        var mask = target.ne(ignore);
        var logProbs = picked.masked_fill(mask.logical_not(), zero);
        return (logProbs.MoveToOuterDisposeScope(), logSoftmax.MoveToOuterDisposeScope());
    }

    /// <summary>The loss of one micro-batch with its autograd graph, already divided by the step's token count
    /// <paramref name="totalTokens"/> so that summing the parts' gradients gives the step's gradient.</summary>
    public static Part Compute(LlamaModel policy, PolicyBatch batch, double temperature, int totalTokens,
        Tensor? oldLogProbs, Tensor? referenceLogProbs, double klCoefficient, double clipEpsilon)
    {
        using var scope = NewDisposeScope();
        using Scalar ignore = (long)MicroBatch.Ignore, kl = klCoefficient, total = totalTokens;
        var (logProbs, logSoftmax) = LogProbs(policy, batch, temperature);
        var mask = tensor(batch.Targets).view(batch.Rows, batch.Columns).ne(ignore).to(ScalarType.Float32); // (B, T)
        var advantages = tensor(batch.Advantages).view(batch.Rows, 1);                                              // (B, 1)
        var (loss, clipped) = Objective(logProbs, mask, advantages, totalTokens, oldLogProbs, clipEpsilon);
        var klSum = 0.0;
        if (referenceLogProbs is not null)
        {
            var k3Sum = (KlK3(logProbs, referenceLogProbs) * mask).sum();
            if (klCoefficient > 0) loss = loss.Plus(k3Sum * kl / total);
            klSum = k3Sum.item<float>();
        }
        double entropySum;
        using (no_grad())
            entropySum = (-(logSoftmax.exp() * logSoftmax).sum(-1) * mask).sum().item<float>(); // Σ_tokens H(π(·|prefix))
        return new Part(loss.MoveToOuterDisposeScope(), entropySum, klSum, clipped);
    }

    /// <summary>−Σ objective / N over the masked tokens. logProbs and mask (B, T), advantages (B, 1), old (B, T) or null.
    /// Returns the loss and how many tokens the clip bound (0 without clipping).</summary>
    public static (Tensor Loss, int Clipped) Objective(Tensor logProbs, Tensor mask, Tensor advantages, int totalTokens,
        Tensor? oldLogProbs, double clipEpsilon)
    {
        using var scope = NewDisposeScope();
        using Scalar low = 1 - clipEpsilon, high = 1 + clipEpsilon, total = totalTokens;
        Tensor perToken;
        var clipped = 0;
        if (oldLogProbs is null) perToken = advantages * logProbs;                   // (B, T)
        else
        {
            var ratio = (logProbs - oldLogProbs).exp();                              // (B, T)
            perToken = ratio * advantages;
            if (clipEpsilon > 0)
            {
                var bounded = ratio.clamp(low, high) * advantages;
                using (no_grad()) clipped = (int)(bounded.lt(perToken).to(ScalarType.Float32) * mask).sum().item<float>();
                perToken = minimum(perToken, bounded);
            }
        }
        var loss = -(perToken * mask).sum() / total;
        return (loss.MoveToOuterDisposeScope(), clipped);
    }

    /// <summary>Per-token k3 estimate of KL(π ‖ π_ref) from log-probabilities of the sampled tokens: ≥ 0, unbiased.</summary>
    public static Tensor KlK3(Tensor logProbs, Tensor referenceLogProbs)
    {
        using var scope = NewDisposeScope();
        using Scalar one = 1.0;
        var d = referenceLogProbs - logProbs;
        return (d.exp() - d - one).MoveToOuterDisposeScope();
    }
}
