using Sweep.Core.Estimators;
using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Core.Bounds;

/// <summary>
/// The estimate of one group (one Θ, θ0 at one d): for each of the s sample positions i, the estimate of
/// I^Θ(W'; Z_i) in nats over the M pairs (w'_j, Z_i^j), and the group's <i>estimated MI term</i>
/// (1/s)·Σ_i sqrt(2σ²·max(0, Î^Θ(W'; Z_i))), held in <see cref="Bound"/> (for a supersample group, <see cref="Bound"/>
/// is the certified loss-difference CMI bound and <see cref="Cmi"/> holds the rest). <see cref="PerSampleStandardError"/> is the standard error over
/// slices (k-SMI with more than one slice), else null. <see cref="Node"/> is the address of the node that estimated it.
/// </summary>
public sealed record MiGroupEstimate(
    string GroupId,
    int D,
    int Projection,
    string Series,
    string Estimator,
    int K,
    int Trainings,
    int N,
    double Sigma,
    IReadOnlyList<int> Positions,
    IReadOnlyList<double> PerSampleMi,
    IReadOnlyList<double>? PerSampleStandardError,
    double Bound,
    double Seconds,
    string? Node = null)
{
    public double MeanMi => PerSampleMi.Average();

    /// <summary>The supersample CMI bounds of the group (kind: supersample); null for the individual-sample kind.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CmiGroupEstimate? Cmi { get; init; }

    /// <summary>The permutation null check of each position's MI estimate (individual-sample kind); null when not run.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NullCheck>? PerSampleNull { get; init; }
}

/// <summary>
/// The individual-sample bound (Bu, Zou and Veeravalli 2019) applied to W' given Θ:
/// |gen| ≤ (1/n)·Σ_i E_Θ sqrt(2σ²·I^Θ(W'; Z_i)), with I^Θ(W'; Z_i) estimated from M trainings that share Θ and θ0,
/// and draw their training sets from one pool (training j gives the pair (w'_j, Z_i^j)); or its k-sliced version, with
/// each MI term replaced by the two-sided k-SMI. The 1/n sum is estimated by the mean over s sampled positions, and
/// E_Θ by the mean over the P groups at a d.
/// </summary>
public static class IndividualSampleMiBound
{
    public const string Formula = "(1/n)·Σ_i E_Θ sqrt(2·σ²·I^Θ(W'; Z_i))";
    public const string SlicedFormula = "(1/n)·Σ_i E_Θ sqrt(2·σ²·SI_k^Θ(W'; Z_i))";

    public const string Assumptions =
        "loss σ-sub-Gaussian (σ=1/2 for the 0-1 loss); the M training sets of a group are drawn independently from one pool; " +
        "Θ and θ0 shared within a group and independent of the data; Z_i is the flattened input plus the label; " +
        "the 1/n sum is estimated by the mean over s sample positions and E_Θ by the mean over P projections";

    public const string BiasCaveat =
        "the MI terms are KSG estimates from only M samples in a (d + input + 1)-dimensional joint space (k-SMI: 2k dimensions); " +
        "KSG is biased (usually downward in high dimension) and its variance at small M is large, so this is an estimate of the bound, " +
        "not a certified bound; negative estimates are clamped at 0 before the square root";

    /// <summary>sqrt(2σ²·max(0, I)): one sample's term of the bound.</summary>
    public static double Term(double informationNats, double sigma) => Math.Sqrt(2 * sigma * sigma * Math.Max(0, informationNats));

    /// <summary>
    /// Estimates one group. <paramref name="wPrimes"/> holds the M trained (quantized) w', each of length d;
    /// <paramref name="samples"/>[t][j] is Z_{i_t}^j, the sample at position <paramref name="positions"/>[t] of
    /// training set j. <paramref name="seed"/> fixes the jitter and the slices.
    /// </summary>
    public static MiGroupEstimate Estimate(
        MiGroup group,
        MiSpec mi,
        double sigma,
        int n,
        IReadOnlyList<float[]> wPrimes,
        IReadOnlyList<int> positions,
        IReadOnlyList<IReadOnlyList<double[]>> samples,
        long seed,
        int maxDegreeOfParallelism = 1)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (wPrimes.Count == 0 || wPrimes.Any(w => w.Length != wPrimes[0].Length))
        {
            throw new EstimatorInputException("The w' of a group must all have the same, non-zero length.", nameof(wPrimes));
        }

        if (samples.Count != positions.Count)
        {
            throw new EstimatorInputException($"{samples.Count} sample sets for {positions.Count} positions.", nameof(samples));
        }

        var w = SampleMatrix.FromRows(Standardized(wPrimes.Select(v => v.Select(x => (double)x).ToArray()).ToList()), "w'");
        var mis = new double[positions.Count];
        var errors = new double[positions.Count];
        var nulls = new NullCheck[positions.Count];
        for (var t = 0; t < positions.Count; t++)
        {
            var zRows = Standardized(samples[t]);
            var z = SampleMatrix.FromRows(zRows, $"Z_{positions[t]}");
            var positionSeed = Randomness.SeedDerivation.Derive(seed, "mi-position", positions[t]);
            if (mi.Estimator == MiEstimatorKind.Ksg)
            {
                var options = new KsgOptions(mi.K, positionSeed);
                mis[t] = Ksg.Estimate(w, z, options);
                errors[t] = double.NaN;
                // The null: the same KSG on the same pairs with Z_i^j permuted across the trainings (true MI 0).
                nulls[t] = PermutationNull.Run(
                    zRows.Count,
                    pi => Ksg.Estimate(w, SampleMatrix.FromRows([.. pi.Select(j => zRows[j])], $"Z_{positions[t]} permuted"), options),
                    mi.NullRepetitionsOrDefault,
                    Randomness.SeedDerivation.Derive(positionSeed, "mi-null"));
            }
            else
            {
                var sliced = SlicedMi.Estimate(w, z, new SlicedMiOptions(mi.Slices, mi.SliceDimension, OneSided: false, positionSeed, new KsgOptions(mi.K)), maxDegreeOfParallelism);
                mis[t] = sliced.Mean;
                errors[t] = sliced.StandardError;
            }
        }

        var bound = mis.Average(i => Term(i, sigma));
        return new MiGroupEstimate(
            group.GroupId, group.D, group.Projection, group.Series, EstimatorName(mi), mi.K, wPrimes.Count, n, sigma,
            [.. positions], mis, errors.All(double.IsFinite) ? errors : null, bound, started.Elapsed.TotalSeconds)
        {
            PerSampleNull = mi.Estimator == MiEstimatorKind.Ksg ? nulls : null,
        };
    }

    /// <summary>
    /// Each column centred and scaled to unit variance over the M rows (a constant column is only centred). MI is
    /// invariant under these maps, and KSG's max-norm neighbourhoods then weigh every coordinate alike.
    /// </summary>
    public static IReadOnlyList<double[]> Standardized(IReadOnlyList<double[]> rows)
    {
        var dimension = rows[0].Length;
        var copy = rows.Select(r => (double[])r.Clone()).ToList();
        for (var c = 0; c < dimension; c++)
        {
            var mean = copy.Average(r => r[c]);
            var sd = Math.Sqrt(copy.Sum(r => (r[c] - mean) * (r[c] - mean)) / Math.Max(1, copy.Count - 1));
            foreach (var r in copy)
            {
                r[c] = sd > 0 ? (r[c] - mean) / sd : r[c] - mean;
            }
        }

        return copy;
    }

    public static string EstimatorName(MiSpec mi) => mi.Estimator == MiEstimatorKind.Ksg
        ? $"ksg(k={mi.K})"
        : $"ksmi(two-sided, slice_dim={mi.SliceDimension}, slices={mi.Slices}, k={mi.K})";
}
