using Sweep.Actors.Protocol;
using Sweep.Core.Bounds;
using Sweep.Core.Randomness;

namespace Sweep.Actors.Estimation;

/// <summary>
/// The estimator's work on one supersample group: rebuild each training's selector U^j from its data seed, pair it
/// with the training's 0-1 losses on both halves of Z̃, and compute the two CMI bounds with their upper confidence.
/// No data is read: the losses travelled with the results.
/// </summary>
public static class SupersampleGroupComputation
{
    public const string EstimatorName = "plug-in MI of the 0-1 losses, Clopper–Pearson upper confidence";

    public static MiGroupEstimate Run(EstimateMiGroup request)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var n = request.Dataset.TrainSize;
        var trainings = request.Members.Select(m =>
        {
            var losses = m.SupersampleLosses ?? throw new InvalidOperationException($"Training {m.TrialId} of a supersample group reported no losses on the supersample.");
            var (onHalf0, onHalf1) = SupersampleDraw.DecodeLosses(losses);
            if (onHalf0.Length != n)
            {
                throw new InvalidOperationException($"Training {m.TrialId} reported losses on {onHalf0.Length} pairs; the group has n = {n}.");
            }

            return new SupersampleTraining(SupersampleDraw.Selector(n, m.DataSeed), onHalf0, onHalf1);
        }).ToList();
        var mi = request.Mi;
        var cmi = SupersampleCmiBound.Estimate(trainings, mi.DeltaOrDefault, mi.NullRepetitionsOrDefault, request.Seed);
        var group = request.Group;
        return new MiGroupEstimate(
            group.GroupId, group.D, group.Projection, group.Series, EstimatorName, 0, trainings.Count, n, 0.5,
            [.. Enumerable.Range(0, n)], cmi.LossDifference.PerSamplePlugInMi, null, cmi.LossDifference.Upper, started.Elapsed.TotalSeconds)
        {
            Cmi = cmi,
        };
    }
}
