using System.Globalization;
using Sweep.Core.Specs;

namespace Sweep.Core.Grid;

/// <summary>
/// The number of trials a grid holds, counted from its axes without expanding it (so a 10^8-point grid is refused
/// in microseconds, not after gigabytes of trial configs), and the largest grid one sweep may hold.
/// </summary>
public static class GridSize
{
    /// <summary>
    /// At most this many trials per sweep. Every trial is a training run whose state the coordinator keeps in memory
    /// and journals; 100,000 trainings is already far beyond a cluster's week, so a larger grid is a typo (a count
    /// where a list was meant) or a sweep to split.
    /// </summary>
    public const long MaxTrials = 100_000;

    /// <summary>The trial count, as <see cref="SweepGrid.Expand"/> would produce it (saturating at <see cref="long.MaxValue"/>).</summary>
    public static long Count(SweepSpec spec) => Count(spec.Grid, spec.IsLora, spec.Mi, spec.Projection, spec.RateDistortion?.Lambdas.Count ?? 1);

    /// <summary>
    /// The subspace (or LoRA) trials, each grid point once per λ of a rate-distortion block, plus one full-training
    /// baseline trial per seed and scalar-axis point when the projection includes <c>none</c>.
    /// </summary>
    public static long Count(GridSpec grid, bool isLora, MiSpec? mi, ProjectionSpec? projection = null, int lambdas = 1)
    {
        var subspace = isLora || projection is null || projection.HasSubspaceTrials
            ? Multiply(Factors(grid, isLora, mi).Aggregate(1L, (n, f) => Multiply(n, f.Count)), lambdas)
            : 0;
        var baseline = !isLora && projection is { HasBaselineTrials: true }
            ? grid.ScalarAxes.Values.Aggregate((long)(mi is null ? grid.Seeds.Count : (long)mi.Projections * mi.TrainingsPerProjection), (n, axis) => Multiply(n, axis.Count))
            : 0;
        return subspace > long.MaxValue - baseline ? long.MaxValue : subspace + baseline;
    }

    /// <summary>
    /// How <see cref="Count(GridSpec, bool, MiSpec?, ProjectionSpec?, int)"/> arrives at its number, in the same terms:
    /// "d × seeds × learning_rate = 1000 × 10000 × 3", with "× λ" for a rate-distortion block and
    /// "+ baseline (seeds × …)" for the full-training trials.
    /// </summary>
    public static string Describe(GridSpec grid, bool isLora, MiSpec? mi, ProjectionSpec? projection = null, int lambdas = 1)
    {
        var parts = new List<string>();
        if (isLora || projection is null || projection.HasSubspaceTrials)
        {
            var factors = Factors(grid, isLora, mi);
            if (lambdas != 1)
            {
                factors.Add(("λ", lambdas));
            }

            parts.Add(Product(factors));
        }

        if (!isLora && projection is { HasBaselineTrials: true })
        {
            var seeds = mi is null ? ("seeds", (long)grid.Seeds.Count) : ("mi projections × trainings", (long)mi.Projections * mi.TrainingsPerProjection);
            var factors = new List<(string Axis, long Count)> { seeds };
            factors.AddRange(grid.ScalarAxes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, (long)a.Value.Count)));
            parts.Add($"baseline: {Product(factors)}");
        }

        return string.Join(" + ", parts);
    }

    private static string Product(List<(string Axis, long Count)> factors) =>
        $"{string.Join(" × ", factors.Select(f => f.Axis))} = {string.Join(" × ", factors.Select(f => f.Count.ToString(CultureInfo.InvariantCulture)))}";

    private static List<(string Axis, long Count)> Factors(GridSpec grid, bool isLora, MiSpec? mi)
    {
        var factors = new List<(string, long)>();
        if (isLora)
        {
            factors.Add(("rank", grid.Ranks?.Count ?? 0));
            factors.Add(("mode", grid.Modes?.Count ?? 0));
            factors.Add(("seeds", grid.Seeds.Count));
        }
        else
        {
            factors.Add(("d", grid.Dimensions.Count));
            factors.Add(mi is null ? ("seeds", grid.Seeds.Count) : ("mi projections × trainings", (long)mi.Projections * mi.TrainingsPerProjection));
        }

        factors.AddRange(grid.ScalarAxes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, (long)a.Value.Count)));
        return factors;
    }

    private static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
}
