using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ponder.Training;

/// <summary>The optimiser a supervised run steps, as <see cref="TrainConfig.Optimizer"/> names it: "adamw", AdamW for
/// every parameter; "muon", <see cref="Muon"/> for the blocks' matrices and AdamW for the rest. Its state is named
/// tensors under "adamw." and "muon.", the prefixes a checkpoint stores them under.</summary>
public sealed class RunOptimizer : IDisposable
{
    public const string AdamWName = "adamw", MuonName = "muon";

    readonly AdamW adamw;
    readonly Muon? muon;
    readonly IReadOnlyList<Parameter> all;

    public RunOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, TrainConfig config)
    {
        all = parameters.Select(p => p.Parameter).ToList();
        if (config.Optimizer == MuonName)
        {
            muon = new Muon(parameters.Where(p => Muon.Takes(p.Name, p.Parameter)), config.MuonMomentum, config.WeightDecay);
            adamw = new AdamW(parameters.Where(p => !Muon.Takes(p.Name, p.Parameter)), config.Beta1, config.Beta2, config.WeightDecay);
        }
        else adamw = new AdamW(parameters, config.Beta1, config.Beta2, config.WeightDecay);
    }

    public void ZeroGrad() => AdamW.ZeroGrads(all);

    public void Step(double learningRate)
    {
        adamw.Step(learningRate);
        muon?.Step(learningRate);
    }

    /// <summary>Every state tensor, named with its optimiser's prefix ("adamw.NAME.exp_avg",
    /// "muon.NAME.momentum").</summary>
    public IEnumerable<(string Name, Tensor Tensor)> State() =>
        adamw.State().Select(s => ("adamw." + s.Name, s.Tensor))
            .Concat(muon?.State().Select(s => ("muon." + s.Name, s.Tensor)) ?? []);

    public void Restore(long steps, IReadOnlyDictionary<string, Tensor> state)
    {
        adamw.Restore(steps, Unprefixed(state, "adamw."));
        muon?.Restore(Unprefixed(state, "muon."));
    }

    static Dictionary<string, Tensor> Unprefixed(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    public void Dispose()
    {
        adamw.Dispose();
        muon?.Dispose();
    }
}
