using Sweep.Core.Randomness;

namespace Sweep.Core.Estimators;

/// <summary>
/// Settings of the k-sliced MI estimator: <paramref name="Slices"/> (m) Monte Carlo slices of dimension
/// <paramref name="SliceDimension"/> (k); one-sided slices only X, two-sided slices X and Y independently.
/// <paramref name="Ksg"/> is the base estimator's settings (its seed is replaced by one derived per slice).
/// </summary>
public sealed record SlicedMiOptions(
    int Slices = 1000,
    int SliceDimension = 1,
    bool OneSided = false,
    long Seed = 0,
    KsgOptions? Ksg = null);

/// <summary>
/// A k-sliced MI estimate in nats: the mean of the per-slice KSG estimates and its standard error
/// (sample standard deviation / √m; NaN for a single slice).
/// </summary>
public sealed record SlicedMiEstimate(double Mean, double StandardError, IReadOnlyList<double> PerSlice);

/// <summary>
/// k-sliced mutual information by Monte Carlo: SI_k(X; Y) = E_{A,B} I(AᵀX; BᵀY) with A, B uniform on the Stiefel
/// manifolds (B = I when one-sided), each slice's MI estimated by KSG. Slices run in parallel; slice s draws from a
/// seed derived from (seed, s) alone, so the result does not depend on thread scheduling.
/// </summary>
public static class SlicedMi
{
    public static SlicedMiEstimate Estimate(SampleMatrix x, SampleMatrix y, SlicedMiOptions? options = null, int maxDegreeOfParallelism = -1)
    {
        options ??= new SlicedMiOptions();
        var ksg = options.Ksg ?? new KsgOptions();
        Ksg.Validate(x, y, ksg.K);
        if (options.Slices < 1)
        {
            throw new EstimatorInputException($"k-SMI needs at least one slice, not {options.Slices}.", nameof(options));
        }

        var k = options.SliceDimension;
        if (k < 1 || k > x.Dimension || (!options.OneSided && k > y.Dimension))
        {
            var limit = options.OneSided ? x.Dimension : Math.Min(x.Dimension, y.Dimension);
            throw new EstimatorInputException(
                $"The slice dimension k must lie in 1..{limit} (x has {x.Dimension} dimensions, y has {y.Dimension}), not {k}.", nameof(options));
        }

        var perSlice = new double[options.Slices];
        Parallel.For(0, options.Slices, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, s =>
        {
            var random = new SplitMix64(SeedDerivation.Derive(options.Seed, "ksmi-slice", s));
            var xs = x.Project(StiefelSlices.Draw(x.Dimension, k, random), k);
            var ys = options.OneSided ? y : y.Project(StiefelSlices.Draw(y.Dimension, k, random), k);
            perSlice[s] = Ksg.Estimate(xs, ys, ksg with { Seed = SeedDerivation.Derive(options.Seed, "ksmi-jitter", s) });
        });

        var mean = perSlice.Average();
        var standardError = perSlice.Length > 1
            ? Math.Sqrt(perSlice.Sum(v => (v - mean) * (v - mean)) / (perSlice.Length - 1) / perSlice.Length)
            : double.NaN;
        return new SlicedMiEstimate(mean, standardError, perSlice);
    }
}
