using System.Globalization;
using Sweep.Core.Lora;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Core.Grid;

/// <summary>
/// The LoRA grid: rank × mode × seeds × the scalar axes. Its points have no d, so their canonical form
/// (<c>mode=B-only;rank=4;seed=0;...</c>) never equals a subspace point's and subspace ids are unchanged.
/// </summary>
public static partial class SweepGrid
{
    public static string CanonicalLoraPoint(int rank, LoraMode mode, int seed, IEnumerable<(string Axis, double Value)> scalarAxes)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = mode.Name(),
            ["rank"] = rank.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (axis, value) in scalarAxes)
        {
            parts[axis] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        return string.Join(';', parts.Select(p => p.Key + "=" + p.Value));
    }

    private static List<TrialConfig> ExpandLora(SweepSpec spec, List<KeyValuePair<string, IReadOnlyList<double>>> axes)
    {
        var lora = spec.Lora!;
        var pretrain = spec.Pretrain ?? throw new InvalidOperationException("A LoRA spec needs its pretraining stage.");
        var shapes = LoraLayers.Adapted(spec.Model, lora.Layers);
        var points = new List<TrialConfig>();
        foreach (var rank in (spec.Grid.Ranks ?? []).Order())
        {
            foreach (var mode in (spec.Grid.Modes ?? []).Order())
            {
                foreach (var seed in spec.Grid.Seeds.Order())
                {
                    foreach (var values in CartesianProduct(axes.Select(a => a.Value.Order().ToList()).ToList()))
                    {
                        var assignment = axes.Select((a, i) => (Axis: a.Key, Value: values[i])).ToList();
                        var (training, quantization, dataset) = ApplyAxes(spec, assignment);
                        var settings = lora.Settings(rank, mode);
                        var p = Bounds.LoraQuantizationBound.TrainableParameters(mode, rank, shapes);
                        // As for subspace trials, θ-independent draws follow from the seed axis alone (common random
                        // numbers across ranks and modes); the frozen factor is drawn per (seed, r).
                        var seeds = new TrialSeeds(
                            Projection: SeedDerivation.Derive(spec.Seed, "lora-frozen", seed, rank),
                            Init: SeedDerivation.Derive(spec.Seed, "init", seed),
                            Data: SeedDerivation.Derive(spec.Seed, "data", seed),
                            BatchOrder: SeedDerivation.Derive(spec.Seed, "batch-order", seed));
                        var id = TrialId.FromCanonicalPoint(CanonicalLoraPoint(rank, mode, seed, assignment));
                        points.Add(new TrialConfig(id, seed, checked((int)p), dataset, spec.Model, spec.Projection, quantization, training, seeds)
                        {
                            Lora = new LoraTrialConfig(settings, pretrain, p),
                        });
                    }
                }
            }
        }

        return points;
    }
}
