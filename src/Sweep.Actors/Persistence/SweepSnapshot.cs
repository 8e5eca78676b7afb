using System.Collections.Immutable;
using Sweep.Actors.Protocol;
using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Persistence;

/// <summary>
/// A compact snapshot of a <see cref="SweepState"/>: the spec, and per trial (in ledger order) only what events
/// changed. Trial configurations are re-derived from the spec's grid, which is deterministic.
/// </summary>
public sealed record SweepSnapshot(
    SweepId SweepId,
    SweepSpec Spec,
    string SpecHash,
    string SpecText,
    int MaxAttempts,
    SweepPhase Phase,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<TrialSnapshot> Trials,
    IReadOnlyList<MiGroupEstimate>? MiEstimates = null,
    IReadOnlyDictionary<string, string>? MiFailures = null) : ISweepWire
{
    /// <summary>The topology estimates; absent from the JSON when there are none, so older snapshots read as before.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Core.Topology.TopologyGroupEstimate>? TopologyEstimates { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? TopologyFailures { get; init; }

    public static SweepSnapshot Of(SweepState s) => new(
        s.SweepId, s.Spec, s.SpecHash, s.SpecText, s.MaxAttempts, s.Phase, s.SubmittedAt,
        s.InOrder().Select(t => new TrialSnapshot(t.Config.Id, t.Status, t.Attempts, t.AttemptLimit, t.Node, t.StartedAt, t.LastError, t.Metrics, t.WPrime)).ToList(),
        s.MiEstimates.IsEmpty ? null : s.MiEstimates.Values.OrderBy(e => e.GroupId, StringComparer.Ordinal).ToList(),
        s.MiFailures.IsEmpty ? null : s.MiFailures)
    {
        TopologyEstimates = s.TopologyEstimates.IsEmpty ? null : s.TopologyEstimates.Values.OrderBy(e => e.GroupId, StringComparer.Ordinal).ToList(),
        TopologyFailures = s.TopologyFailures.IsEmpty ? null : s.TopologyFailures,
    };

    public SweepState ToState()
    {
        var configs = SweepGrid.Expand(Spec).ToDictionary(c => c.Id);
        var trials = Trials.Select((t, i) => new TrialState(i, configs[t.TrialId], t.Status, t.Attempts, t.AttemptLimit, t.Node, t.StartedAt, t.LastError, t.Metrics, t.WPrime)).ToList();
        return SweepState.Restore(SweepId, Spec, SpecHash, SpecText, MaxAttempts, Phase, trials, SubmittedAt) with
        {
            MiEstimates = (MiEstimates ?? []).ToImmutableDictionary(e => e.GroupId),
            MiFailures = (MiFailures ?? new Dictionary<string, string>()).ToImmutableDictionary(),
            TopologyEstimates = (TopologyEstimates ?? []).ToImmutableDictionary(e => e.GroupId),
            TopologyFailures = (TopologyFailures ?? new Dictionary<string, string>()).ToImmutableDictionary(),
        };
    }
}

public sealed record TrialSnapshot(
    TrialId TrialId,
    TrialStatus Status,
    int Attempts,
    int AttemptLimit,
    string? Node,
    DateTimeOffset? StartedAt,
    string? LastError,
    TrainingMetrics? Metrics,
    float[]? WPrime);
