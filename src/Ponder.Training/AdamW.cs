using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Training;

/// <summary>AdamW (Loshchilov &amp; Hutter) exactly as PyTorch computes it, written out so that its whole state — the
/// two moment tensors per parameter and the step count — is plain named tensors that a checkpoint stores and
/// restores bit for bit, with no dependence on an optimiser's private serialisation.
/// <para>Weight decay skips norm gains and the token embedding. A norm gain is a per-channel scale whose neutral
/// value is 1, so decaying it towards 0 is not regularisation but a bias to shrink activations; an embedding row
/// only receives gradient when its token occurs, so decay would keep eroding rare tokens between their visits.</para></summary>
public sealed class AdamW : IDisposable
{
    sealed record Slot(string Name, Parameter Parameter, Tensor Mean, Tensor Variance, bool Decays);

    readonly List<Slot> slots;
    readonly double beta1, beta2, epsilon, weightDecay;

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, double beta1, double beta2, double weightDecay, double epsilon = 1e-8)
    {
        (this.beta1, this.beta2, this.weightDecay, this.epsilon) = (beta1, beta2, weightDecay, epsilon);
        slots = parameters.Select(p => new Slot(p.Name, p.Parameter, zeros_like(p.Parameter), zeros_like(p.Parameter),
            Decays(p.Name, p.Parameter))).ToList();
    }

    /// <summary>Completed optimiser steps (drives bias correction).</summary>
    public long Steps { get; private set; }

    /// <summary>Matrices decay; norm gains (1-D) and the token embedding do not (see the type's summary).</summary>
    public static bool Decays(string name, Tensor parameter) => parameter.dim() >= 2 && !name.StartsWith("token_embd", StringComparison.Ordinal);

    public void ZeroGrad() => ZeroGrads(slots.Select(s => s.Parameter));

    /// <summary>Zeroes the gradients of <paramref name="parameters"/> (every optimiser of a run shares this).</summary>
    public static void ZeroGrads(IEnumerable<Parameter> parameters)
    {
        // Each .grad is a new wrapper. Outside a scope nothing holds it once zero_ (TorchSharp: zeros(shape) into the same
        // handle, THSTensor_zeros_out) has read its handle, so the finalizer thread could free that handle mid-call:
        // training segfaulted right after zeros_out three times (step ~400, ~1,400, and once after 2,000 in an earlier run).
        using var scope = NewDisposeScope();
        foreach (var p in parameters) p.grad?.zero_();
    }

    public void Step(double learningRate)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Steps++;
        var correction1 = 1 - Math.Pow(beta1, Steps);
        var correction2 = 1 - Math.Pow(beta2, Steps);
        // Every Scalar made once per step and disposed here, none implicitly (an implicit one is freed by the finalizer thread, which can race the native call using it)
        using Scalar decay = 1 - learningRate * weightDecay, b1 = beta1, oneMinusB1 = 1 - beta1, b2 = beta2, oneMinusB2 = 1 - beta2,
            root2 = Math.Sqrt(correction2), eps = epsilon, one = 1.0, stepSize = -learningRate / correction1;
        foreach (var s in slots)
        {
            var g = s.Parameter.grad;
            if (g is null) continue;
            if (s.Decays && weightDecay > 0) s.Parameter.mul_(decay);
            s.Mean.mul_(b1).add_(g, alpha: oneMinusB1);
            s.Variance.mul_(b2).addcmul_(g, g, value: oneMinusB2);
            var denominator = (s.Variance.sqrt() / root2).add_(eps, one); // add_(eps) alone would make an implicit alpha
            s.Parameter.addcdiv_(s.Mean, denominator, value: stepSize);
        }
    }

    /// <summary>The moments by name ("NAME.exp_avg", "NAME.exp_avg_sq"), for checkpoints.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> State() =>
        slots.SelectMany(s => new[] { (s.Name + ".exp_avg", s.Mean), (s.Name + ".exp_avg_sq", s.Variance) });

    public void Restore(long steps, IReadOnlyDictionary<string, Tensor> state)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in State())
        {
            if (!state.TryGetValue(name, out var saved))
                throw new InvalidDataException($"the checkpoint has no optimiser state '{name}'; it was written for another model.");
            tensor.copy_(saved);
        }
        Steps = steps;
    }

    public void Dispose()
    {
        foreach (var s in slots) { s.Mean.Dispose(); s.Variance.Dispose(); }
    }
}
