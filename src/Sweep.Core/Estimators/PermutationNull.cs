using Sweep.Core.Randomness;

namespace Sweep.Core.Estimators;

/// <summary>
/// The null check of an MI estimate: the same estimator on the same M pairs with one side permuted across the
/// trainings (which makes the true MI 0), repeated R times from a seed. <see cref="Indistinguishable"/> is the rule
/// stated in docs/mi-bounds.md: the estimate is <i>not</i> told apart from the null unless it exceeds both the
/// largest null value and the null mean plus two null standard deviations. <see cref="PValue"/> is the permutation
/// p-value (1 + #{null ≥ estimate}) / (R + 1).
/// </summary>
public sealed record NullCheck(double Estimate, double NullMean, double NullStandardDeviation, double NullMax, int Repetitions, double PValue)
{
    public bool Indistinguishable => !(Estimate > NullMax && Estimate > NullMean + 2 * NullStandardDeviation);
}

public static class PermutationNull
{
    public const int DefaultRepetitions = 10;

    public const string Rule =
        "same estimator on the same pairs with one side permuted across trainings (true MI 0), R seeded repetitions; " +
        "an estimate counts as distinguishable from the null only when it exceeds the largest null value and the null mean + 2 null sd";

    /// <summary>
    /// <paramref name="estimator"/> maps a permutation π of the M trainings (pair j takes its second side from training
    /// π[j]) to the estimate; the identity gives the estimate itself.
    /// </summary>
    public static NullCheck Run(int trainings, Func<int[], double> estimator, int repetitions, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainings, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 2);
        var estimate = estimator([.. Enumerable.Range(0, trainings)]);
        var nulls = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            nulls[r] = estimator(SampleDraw.WithoutReplacement(trainings, trainings, SeedDerivation.Derive(seed, "null-permutation", r)));
        }

        return Summarize(estimate, nulls);
    }

    public static NullCheck Summarize(double estimate, IReadOnlyList<double> nulls)
    {
        var mean = nulls.Average();
        var sd = Math.Sqrt(nulls.Sum(v => (v - mean) * (v - mean)) / (nulls.Count - 1));
        var atLeast = nulls.Count(v => v >= estimate);
        return new NullCheck(estimate, mean, sd, nulls.Max(), nulls.Count, (1.0 + atLeast) / (nulls.Count + 1));
    }
}
