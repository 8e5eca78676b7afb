using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
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
    IReadOnlyList<MiGroupMember> Members) : ISweepWire;

/// <summary>The estimator's answer: the group's estimate.</summary>
public sealed record MiGroupEstimated(SweepId SweepId, MiGroupEstimate Estimate) : ISweepWire;

/// <summary>The estimator's answer when it could not estimate the group, with the reason.</summary>
public sealed record MiGroupEstimationFailed(SweepId SweepId, string GroupId, string Reason) : ISweepWire;

/// <summary>A group's MI estimate is durable in the sweep's journal; a resumed sweep does not recompute it.</summary>
public sealed record GroupEstimated(MiGroupEstimate Estimate, DateTimeOffset At) : ISweepEvent;

/// <summary>A group could not be estimated (recorded with the reason); the sweep finishes without its MI term.</summary>
public sealed record GroupEstimationFailed(string GroupId, string Reason, DateTimeOffset At) : ISweepEvent;
