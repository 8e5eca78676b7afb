using System.Runtime.CompilerServices;
using Sweep.Core.Randomness;

namespace Sweep.Core.Estimators;

/// <summary>How KSG finds neighbours. Both give the same estimate, bit for bit.</summary>
public enum NeighbourSearch
{
    /// <summary>A max-norm k-d tree: about O(n log n) in low dimensions.</summary>
    KdTree,

    /// <summary>Every pair, O(n²): the reference.</summary>
    BruteForce,
}

/// <summary>
/// Settings of the KSG estimator. <paramref name="Jitter"/> is the standard deviation of the Gaussian noise added to
/// every coordinate against ties, relative to that column's standard deviation (1 for a constant column); the noise
/// follows from <paramref name="Seed"/> alone. Set it to 0 to use the data as given.
/// </summary>
public sealed record KsgOptions(int K = Ksg.DefaultK, long Seed = 0, double Jitter = 1e-10, NeighbourSearch Search = NeighbourSearch.KdTree);

/// <summary>
/// The Kraskov–Stögbauer–Grassberger mutual-information estimator (2004, algorithm 1), in nats:
/// <c>I = ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩</c>, where ε_i is the max-norm distance from sample i to its
/// k-th neighbour in the joint space and n_x, n_y count the other samples strictly within ε_i in each marginal.
/// </summary>
public static class Ksg
{
    public const int DefaultK = 3;

    /// <summary>The estimate of I(X; Y) in nats from paired samples (row i of x with row i of y).</summary>
    public static double Estimate(SampleMatrix x, SampleMatrix y, KsgOptions? options = null)
    {
        options ??= new KsgOptions();
        Validate(x, y, options.K);
        if (!double.IsFinite(options.Jitter) || options.Jitter < 0)
        {
            throw new EstimatorInputException($"The jitter must be a finite number ≥ 0, not {options.Jitter}.", nameof(options));
        }

        var random = new SplitMix64(options.Seed);
        var xs = Jittered(x, options.Jitter, random);
        var ys = Jittered(y, options.Jitter, random);
        return options.Search == NeighbourSearch.BruteForce
            ? EstimateBruteForce(xs, x.Dimension, ys, y.Dimension, options.K)
            : EstimateKdTree(xs, x.Dimension, ys, y.Dimension, options.K);
    }

    /// <summary>Checks that x and y pair up and hold enough samples for k neighbours.</summary>
    public static void Validate(SampleMatrix x, SampleMatrix y, int k)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (k < 1)
        {
            throw new EstimatorInputException($"k must be at least 1, not {k}.", nameof(k));
        }

        if (x.Count != y.Count)
        {
            throw new EstimatorInputException($"x has {x.Count} samples but y has {y.Count}; sample i of x must pair with sample i of y.", nameof(y));
        }

        if (x.Count < k + 1)
        {
            throw new EstimatorInputException($"KSG with k = {k} needs at least k + 1 = {k + 1} samples, but there are {x.Count}.", nameof(x));
        }
    }

    private static double[] Jittered(SampleMatrix samples, double jitter, SplitMix64 random)
    {
        var values = samples.Values.ToArray();
        if (jitter == 0)
        {
            return values;
        }

        int n = samples.Count, dimension = samples.Dimension;
        var scales = new double[dimension];
        for (var c = 0; c < dimension; c++)
        {
            double sum = 0, sumSquares = 0;
            for (var i = 0; i < n; i++)
            {
                sum += values[i * dimension + c];
            }

            var mean = sum / n;
            for (var i = 0; i < n; i++)
            {
                var centred = values[i * dimension + c] - mean;
                sumSquares += centred * centred;
            }

            var sd = Math.Sqrt(sumSquares / n);
            scales[c] = jitter * (sd > 0 ? sd : 1);
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] += scales[i % dimension] * random.NextGaussian();
        }

        return values;
    }

    private static double[] Joint(double[] xs, int dx, double[] ys, int dy)
    {
        var n = xs.Length / dx;
        var joint = new double[n * (dx + dy)];
        for (var i = 0; i < n; i++)
        {
            xs.AsSpan(i * dx, dx).CopyTo(joint.AsSpan(i * (dx + dy), dx));
            ys.AsSpan(i * dy, dy).CopyTo(joint.AsSpan(i * (dx + dy) + dx, dy));
        }

        return joint;
    }

    private static double EstimateKdTree(double[] xs, int dx, double[] ys, int dy, int k)
    {
        var n = xs.Length / dx;
        var epsilon = new MaxNormKdTree(Joint(xs, dx, ys, dy), dx + dy).KthNeighbourDistances(k);
        return Combine(k, MarginalCounts(xs, dx, epsilon), MarginalCounts(ys, dy, epsilon));
    }

    /// <summary>For each sample i, how many other samples lie strictly within ε_i in this marginal.</summary>
    private static int[] MarginalCounts(double[] values, int dimension, double[] epsilon)
    {
        var counts = new int[epsilon.Length];
        if (dimension == 1)
        {
            var within = SortedLine.CountsWithin(values, epsilon);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = within[i] - (epsilon[i] > 0 ? 1 : 0);
            }

            return counts;
        }

        var tree = new MaxNormKdTree(values, dimension);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = tree.CountWithin(values.AsSpan(i * dimension, dimension), epsilon[i]) - (epsilon[i] > 0 ? 1 : 0);
        }

        return counts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double EstimateBruteForce(double[] xs, int dx, double[] ys, int dy, int k)
    {
        var n = xs.Length / dx;
        var joint = Joint(xs, dx, ys, dy);
        var dimension = dx + dy;
        var nx = new int[n];
        var ny = new int[n];
        var best = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Fill(best, double.PositiveInfinity);
            var point = joint.AsSpan(i * dimension, dimension);
            for (var j = 0; j < n; j++)
            {
                var distance = j == i ? double.PositiveInfinity : MaxNormKdTree.MaxNorm(point, joint.AsSpan(j * dimension, dimension));
                if (distance < best[^1])
                {
                    MaxNormKdTree.Insert(best, distance);
                }
            }

            var epsilon = best[k - 1];
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                if (MaxNormKdTree.MaxNorm(xs.AsSpan(i * dx, dx), xs.AsSpan(j * dx, dx)) < epsilon)
                {
                    nx[i]++;
                }

                if (MaxNormKdTree.MaxNorm(ys.AsSpan(i * dy, dy), ys.AsSpan(j * dy, dy)) < epsilon)
                {
                    ny[i]++;
                }
            }
        }

        return Combine(k, nx, ny);
    }

    /// <summary>ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩, summed in sample order so every search gives the same bits.</summary>
    private static double Combine(int k, int[] nx, int[] ny)
    {
        var n = nx.Length;
        var digamma = Digamma.TableUpTo(n);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += digamma[nx[i] + 1] + digamma[ny[i] + 1];
        }

        return digamma[k] + digamma[n] - sum / n;
    }
}
