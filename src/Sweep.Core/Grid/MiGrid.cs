using System.Security.Cryptography;
using System.Text;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Core.Grid;

/// <summary>
/// One group of trainings for the MI estimate: <see cref="Members"/> share d, Θ (projection seed) and θ0 (init seed)
/// and every other setting, and differ only in their data (and batch-order) seed.
/// </summary>
public sealed record MiGroup(string GroupId, int D, int Projection, string Series, IReadOnlyList<TrialId> Members);

/// <summary>
/// The grid of a spec with an <c>mi:</c> block. Per d (and per value of the other axes), trial number
/// <c>seed = p·M + j</c> is training j of projection p (P projections, M trainings each). Within a group (same d and
/// p) the projection seed and the init seed are shared; the data seed and the batch-order seed follow from (p, j),
/// the same for every d. Trial ids name p and j, so they never collide with the ids of a spec without an mi block.
/// </summary>
public static class MiGrid
{
    public const string ProjectionAxis = "mi-projection";
    public const string TrainingAxis = "mi-training";

    public static (int Projection, int Training) Split(int seed, MiSpec mi) => (seed / mi.TrainingsPerProjection, seed % mi.TrainingsPerProjection);

    internal static TrialConfig CreateTrial(SweepSpec spec, int d, int seed, List<(string Axis, double Value)> assignment)
    {
        var mi = spec.Mi ?? throw new InvalidOperationException("The spec has no mi block.");
        var (training, quantization, dataset) = SweepGrid.ApplyAxes(spec, assignment);
        var (p, j) = Split(seed, mi);
        var id = TrialId.FromCanonicalPoint(SweepGrid.CanonicalPoint(d, seed, [.. assignment, (ProjectionAxis, p), (TrainingAxis, j)]));
        var seeds = new TrialSeeds(
            Projection: SeedDerivation.Derive(spec.Seed, "projection", p, d),
            Init: SeedDerivation.Derive(spec.Seed, "init", p),
            Data: SeedDerivation.Derive(spec.Seed, "mi-data", p, j),
            BatchOrder: SeedDerivation.Derive(spec.Seed, "mi-batch-order", p, j));
        var trial = new TrialConfig(id, seed, d, dataset, spec.Model, spec.Projection, quantization, training, seeds);
        // Supersample kind: the group's Z̃ follows from (spec seed, p), the same at every d; U^j from the data seed.
        return mi.Kind == MiKind.Supersample ? trial with { Supersample = new SupersampleTrialConfig(SeedDerivation.Derive(spec.Seed, "supersample", p)) } : trial;
    }

    /// <summary>The id of the group <paramref name="trial"/> belongs to: its d, its projection p and its other settings.</summary>
    public static string GroupIdOf(TrialConfig trial, MiSpec mi)
    {
        var (p, _) = Split(trial.Seed, mi);
        var canonical = $"d={trial.IntrinsicDimension};{ProjectionAxis}={p};{BoundCurves.SeriesOf(trial)}";
        return "g-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 6));
    }

    /// <summary>The groups of <paramref name="trials"/> (in the order their first member appears), members in trial order.</summary>
    public static IReadOnlyList<MiGroup> Groups(IEnumerable<TrialConfig> trials, MiSpec mi) =>
        trials
            .GroupBy(t => GroupIdOf(t, mi))
            .Select(g => new MiGroup(g.Key, g.First().IntrinsicDimension, Split(g.First().Seed, mi).Projection, BoundCurves.SeriesOf(g.First()), g.Select(t => t.Id).ToList()))
            .ToList();

    /// <summary>
    /// The s sample positions i (in 0..n-1, ascending) whose Z_i enter the estimate: a draw without replacement fixed by
    /// the spec's seed, the same for every group, so every Θ is judged on the same positions.
    /// </summary>
    public static int[] SamplePositions(long specSeed, int n, int s) =>
        [.. SampleDraw.WithoutReplacement(n, Math.Min(s, n), SeedDerivation.Derive(specSeed, "mi-sample-positions", n)).Order()];
}
