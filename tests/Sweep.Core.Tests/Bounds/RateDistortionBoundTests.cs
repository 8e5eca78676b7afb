using Sweep.Core.Bounds;
using Sweep.Core.Estimators;
using Sweep.Core.Statistics;

namespace Sweep.Core.Tests.Bounds;

public sealed class RateDistortionBoundTests
{
    [Fact]
    public void Bound_arithmetic_by_hand_on_one_trial()
    {
        // d = 100, K = 16, n = 10,000, σ = 1/2: sqrt(2·¼·100·ln 16 / 10,000) = sqrt(0.01386294) = 0.117741.
        var compressed = QuantizationBound.Compute(100, 16, 10_000, 0.5);
        Assert.Equal(0.117741, compressed, 6);

        // (a) L = 0.8, ‖θ − θ̃‖ = 0.05: 0.117741 + 2·0.8·0.05 = 0.197741.
        Assert.Equal(0.197741, RateDistortionBound.Lipschitz(compressed, 0.8, 0.05), 6);

        // (b) train disagreement 0.02, population upper limit 0.031: 0.117741 + 0.02 + 0.031 = 0.168741.
        Assert.Equal(0.168741, RateDistortionBound.Disagreement(compressed, 0.02, 0.031), 6);
    }

    [Fact]
    public void Clopper_pearson_upper_limits_match_closed_forms_and_published_values()
    {
        // k = 0: P(Bin(m,p) = 0) = (1 − p)^m = δ  ⇒  p_u = 1 − δ^{1/m}; m = 100, δ = 0.05 → 0.029513 (the "rule of three" ≈ 3/m).
        Assert.Equal(1 - Math.Pow(0.05, 1.0 / 100), BinomialConfidence.Upper(0, 100, 0.05), 9);
        // k = m − 1 of m: P(Bin ≤ m−1) = 1 − p^m = δ  ⇒  p_u = (1 − δ)^{1/m}.
        Assert.Equal(Math.Pow(0.95, 1.0 / 20), BinomialConfidence.Upper(19, 20, 0.05), 9);
        // One-sided 95% upper limit for 10 of 100 (= two-sided 90% interval's upper end): 0.16372 (standard tables).
        Assert.Equal(0.16372, BinomialConfidence.Upper(10, 100, 0.05), 4);
        Assert.Equal(1, BinomialConfidence.Upper(7, 7, 0.05));
    }

    [Fact]
    public void Clopper_pearson_upper_limit_covers_the_truth_at_least_at_its_level()
    {
        var random = new Random(17);
        const double p = 0.03, delta = 0.05;
        const int m = 400, repetitions = 2000;
        var covered = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var k = 0;
            for (var i = 0; i < m; i++)
            {
                k += random.NextDouble() < p ? 1 : 0;
            }

            covered += BinomialConfidence.Upper(k, m, delta) >= p ? 1 : 0;
        }

        // Exact intervals are conservative: coverage ≥ 95%, minus 3 binomial standard errors for the finite repetition count.
        Assert.True(covered >= repetitions * (1 - delta - 3 * Math.Sqrt(delta * (1 - delta) / repetitions)), $"covered {covered} of {repetitions}");
    }

    [Fact]
    public void Mlp_lipschitz_constant_follows_the_layerwise_derivation()
    {
        // One linear layer (no ReLU): logits Wx + b, ‖∂f/∂(W,b)‖ = sqrt(‖x‖² + 1); L = √2/B · sqrt(X² + 1).
        Assert.Equal(Math.Sqrt(2) / 4 * Math.Sqrt(9 + 1), MlpLipschitz.Compute([5.0], [0.3], 3, 4), 12);

        // Two layers, s = (2, 3), β = (0.5, 0.1), X = 1, B = 1: ‖h_1‖ ≤ 2·1 + 0.5 = 2.5;
        // blocks sqrt(1 + 1)·3 and sqrt(2.5² + 1)·1; L = √2·sqrt(18 + 7.25).
        Assert.Equal(Math.Sqrt(2) * Math.Sqrt(18 + 7.25), MlpLipschitz.Compute([2.0, 3.0], [0.5, 0.1], 1, 1), 12);
    }
}
