using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Randomness;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

// Between a sweep's ledger and an estimator (role `estimator`): ask, then reply. Every message is a wire type, so
// an estimator on another node answers the same ask.

/// <summary>
/// One training of a group: its data seed (which rebuilds its training set, or its selector U for a supersample
/// group) and its trained, quantized w'; a supersample training also carries its 0-1 losses on both halves.
/// </summary>
public sealed record MiGroupMember(TrialId TrialId, long DataSeed, float[] WPrime)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SupersampleLosses { get; init; }
}

/// <summary>
/// Estimate I^Θ(W'; Z_i) of one complete group at the sample positions <see cref="Positions"/>, over the pairs
/// (w'_j, Z_i^j) of its <see cref="Members"/>. <see cref="Dataset"/> names the pool and n; <see cref="Seed"/> fixes the
/// estimator's jitter and slices.
/// </summary>
public sealed record EstimateMiGroup(
    SweepId SweepId,
    MiGroup Group,
    DatasetSpec Dataset,
    MiSpec Mi,
    double Sigma,
    long Seed,
    IReadOnlyList<int> Positions,
    IReadOnlyList<MiGroupMember> Members) : IEstimationRequest
{
    string IEstimationRequest.GroupId => Group.GroupId;

    /// <summary>The estimator's work order for a ready group: its done trainings (w' and data seed) and the sample positions.</summary>
    public static EstimateMiGroup For(SweepState state, MiGroup group)
    {
        var mi = state.Spec.Mi ?? throw new InvalidOperationException("The sweep has no mi block.");
        var done = MiGroupDecisions.Trainings(state, group);
        var dataset = done.Count > 0 ? done[0].Config.Dataset : state.Trials[group.Members[0]].Config.Dataset;
        return new EstimateMiGroup(
            state.SweepId,
            group,
            dataset,
            mi,
            state.Spec.Bound.Sigma,
            SeedDerivation.Derive(state.Spec.Seed, "mi-estimate", group.D, group.Projection),
            MiGrid.SamplePositions(state.Spec.Seed, dataset.TrainSize, mi.SamplesPerTrial),
            done.Select(t => new MiGroupMember(t.Config.Id, t.Config.Seeds.Data, t.WPrime!) { SupersampleLosses = t.Metrics?.SupersampleLosses }).ToList());
    }
}

/// <summary>The estimator's answer: the group's estimate.</summary>
public sealed record MiGroupEstimated(SweepId SweepId, MiGroupEstimate Estimate) : IEstimationReply
{
    string IEstimationReply.GroupId => Estimate.GroupId;
}

/// <summary>The estimator's answer when it could not estimate the group, with the reason.</summary>
public sealed record MiGroupEstimationFailed(SweepId SweepId, string GroupId, string Reason) : IEstimationReply;

/// <summary>A group's work order for an estimator (MI or topology), named by its sweep and group.</summary>
public interface IEstimationRequest : ISweepWire
{
    SweepId SweepId { get; }

    string GroupId { get; }
}

/// <summary>An estimator's answer for one group.</summary>
public interface IEstimationReply : ISweepWire
{
    SweepId SweepId { get; }

    string GroupId { get; }
}
