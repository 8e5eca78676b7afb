using Sweep.Core.RateDistortion;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Core.Grid;

public static partial class SweepGrid
{
    /// <summary>The axis name of the penalty weight λ in a regularized trial's grid point (and so in its id).</summary>
    public const string LambdaAxis = "lambda";

    /// <summary>
    /// A regularized sweep's trials at one (d, seed, scalar axes) point: one per λ. Seeds are those of the subspace
    /// trial at the same point (θ0, data and batch order per seed, Θ per (seed, d)), so λ = 0 at every d is the same
    /// plain training and the trials differ only in their penalty and compression.
    /// </summary>
    private static IEnumerable<TrialConfig> CreateRegularizedTrials(SweepSpec spec, RateDistortionSpec rd, int d, int seed, List<(string Axis, double Value)> assignment) =>
        rd.Lambdas.Order().Select(lambda =>
        {
            var plain = CreateTrial(spec, d, seed, assignment);
            var id = TrialId.FromCanonicalPoint(CanonicalPoint(d, seed, [.. assignment, (LambdaAxis, lambda)]));
            return plain with { Id = id, Regularized = new RegularizedTrialConfig(lambda, rd.LossCap, rd.Confidence, rd.Lipschitz) };
        });
}
