using Sweep.Core.Bounds;
using Sweep.Core.Randomness;

namespace Sweep.Core.Tests.Bounds;

public sealed class SupersampleCmiBoundTests
{
    private const int N = 8;

    [Fact]
    public void A_learner_that_memorizes_has_mi_ln2_per_sample_and_gap_1()
    {
        // Loss 0 on every training half, 1 on every held-out half.
        var trainings = Trainings(64, seed: 1, (u, _, _) => (u, !u));
        var estimate = SupersampleCmiBound.Estimate(trainings, 0.05, 10, seed: 1);

        Assert.Equal(1, estimate.MeasuredGap, precision: 12);
        Assert.All(estimate.LossDifference.PerSamplePlugInMi, mi => Assert.Equal(Math.Log(2), mi, precision: 1));
        Assert.All(estimate.EvaluatedCmi.PerSampleUpperMi, mi => Assert.Equal(Math.Log(2), mi, precision: 12));
        Assert.Equal(Math.Sqrt(2 * Math.Log(2)), estimate.LossDifference.Upper, precision: 12);
        Assert.True(estimate.LossDifference.Upper >= estimate.MeasuredGap);
        Assert.False(estimate.LossDifference.Null.Indistinguishable);
    }

    [Fact]
    public void A_learner_that_ignores_its_data_has_a_bound_that_falls_towards_zero_as_m_grows()
    {
        // Losses on both halves drawn independently of U (a classifier that never looks at its training set).
        var bounds = new[] { 64, 512, 4096 }.Select(m =>
        {
            var estimate = SupersampleCmiBound.Estimate(Trainings(m, seed: 2, (_, a, b) => (a < 0.3, b < 0.2)), 0.05, 4, seed: 2);
            Assert.InRange(estimate.MeasuredGap, -0.1, 0.1);
            Assert.True(estimate.LossDifference.Upper >= estimate.LossDifference.PlugIn);
            Assert.True(estimate.EvaluatedCmi.Upper >= estimate.LossDifference.Upper, "I(Δ;U) ≤ I(L;U), and the pair's confidence region is wider");
            return estimate.LossDifference.Upper;
        }).ToArray();

        Assert.True(bounds[0] > bounds[1] && bounds[1] > bounds[2], string.Join(", ", bounds));
        Assert.True(bounds[2] < 0.5 * bounds[0], string.Join(", ", bounds));

        // A learner whose losses are constant: the bound falls like sqrt(ln(n/δ)/M).
        var constant = SupersampleCmiBound.Estimate(Trainings(4096, seed: 3, (_, _, _) => (false, true)), 0.05, 4, seed: 3);
        Assert.Equal(0, constant.LossDifference.PlugIn, precision: 12);
        Assert.InRange(constant.LossDifference.Upper, 1e-3, 0.1);
        Assert.True(constant.LossDifference.Null.Indistinguishable);
    }

    [Fact]
    public void The_bound_covers_the_exact_bound_of_a_partial_memorizer_in_at_least_1_minus_delta_of_repetitions()
    {
        // Sample i is memorized with probability q_i in each training, else both losses are 0: Δ_i = ±1 w.p. q_i
        // (sign set by U_i), 0 otherwise. Then I(Δ_i; U_i) = q_i·ln 2 exactly.
        var q = Enumerable.Range(0, N).Select(i => 0.1 * i).ToArray();
        var exact = q.Average(qi => SupersampleCmiBound.Term(qi * Math.Log(2)));
        const double delta = 0.1;
        const int repetitions = 40;
        var covered = 0;
        var gapBelow = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var trainings = Trainings(200, seed: 100 + r, (u, a, _) => a < 0 ? (false, false) : (u, !u), q);
            var estimate = SupersampleCmiBound.Estimate(trainings, delta, 2, seed: r);
            covered += estimate.LossDifference.Upper >= exact ? 1 : 0;
            gapBelow += estimate.LossDifference.Upper >= estimate.MeasuredGap ? 1 : 0;
        }

        Assert.True(covered >= (1 - delta) * repetitions, $"{covered} of {repetitions} covered {exact:F4}");
        Assert.Equal(repetitions, gapBelow);
    }

    /// <summary>
    /// M trainings of a synthetic learner: <paramref name="losses"/>(U_i, a, b) gives (ℓ(W, Z̃_i0), ℓ(W, Z̃_i1)) from
    /// uniform draws a and b; with <paramref name="memorize"/>, a is −1 when sample i is not memorized.
    /// </summary>
    private static List<SupersampleTraining> Trainings(int m, long seed, Func<bool, double, double, (bool, bool)> losses, double[]? memorize = null)
    {
        var random = new SplitMix64(seed);
        var trainings = new List<SupersampleTraining>();
        for (var j = 0; j < m; j++)
        {
            var u = new bool[N];
            var l0 = new bool[N];
            var l1 = new bool[N];
            for (var i = 0; i < N; i++)
            {
                u[i] = random.NextDouble() < 0.5;
                var a = random.NextDouble();
                var b = random.NextDouble();
                if (memorize is not null && a >= memorize[i])
                {
                    a = -1;
                }

                (l0[i], l1[i]) = losses(u[i], a, b);
            }

            trainings.Add(new SupersampleTraining(u, l0, l1));
        }

        return trainings;
    }
}
