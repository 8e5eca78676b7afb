using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

/// <summary>Commands from a client (the CLI) to the coordinator.</summary>
public interface ISweepCommand : ISweepWire;

/// <summary>Start the sweep, or continue it if the journal already has it (the same spec hash).</summary>
public sealed record SubmitSweep(SweepSpec Spec, string SpecText, int MaxAttempts) : ISweepCommand;

public sealed record SweepAccepted(SweepId SweepId, int Total, int Done, int Pending, int Failed) : ISweepWire;

public sealed record SweepRejected(string Reason) : ISweepWire;

/// <summary>Queries.</summary>
public sealed record GetSweepStatus(SweepId SweepId) : ISweepWire;

/// <summary>
/// A sweep's results, completed trials in grid order from <see cref="Skip"/>, at most <see cref="Take"/> of them (0: all).
/// Clients across the network page through large sweeps, so no reply outgrows a remoting frame. Failed trials come
/// with the first page.
/// </summary>
public sealed record GetSweepResults(SweepId SweepId, int Skip = 0, int Take = 0) : ISweepWire;

/// <summary>
/// A sweep's results: its spec (as last extended) and hash, its number of trials, the completed ones of this page and,
/// with the first page, the failed ones. With an <c>mi:</c> block, the first page also holds the MI estimates of its
/// groups in (d, projection) order and the groups whose estimate failed; else both are null. Everything a results
/// folder is built from (<see cref="Aggregation.SweepReports.From"/>).
/// </summary>
public sealed record SweepResults(
    SweepId SweepId,
    SweepSpec Spec,
    string SpecHash,
    int Total,
    IReadOnlyList<TrialResult> Completed,
    IReadOnlyList<FailedTrial> Failed,
    IReadOnlyList<Core.Bounds.MiGroupEstimate>? MiEstimates = null,
    IReadOnlyDictionary<string, string>? MiFailures = null) : ISweepWire
{
    /// <summary>With a <c>topology:</c> block, on the first page: the groups' topology estimates, in (d, projection) order; else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Core.Topology.TopologyGroupEstimate>? TopologyEstimates { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? TopologyFailures { get; init; }
}

/// <summary>
/// A sweep's progress. <see cref="Phase"/> travels as its name ("Active", "Paused", "Cancelled"), as it always has.
/// <see cref="RunningTrials"/> carries the latest heartbeat of each running trial.
/// </summary>
public sealed record SweepStatus(
    SweepId SweepId,
    string Name,
    SweepPhase Phase,
    int Total,
    int Done,
    int Running,
    int Pending,
    int Failed,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<RunningTrial> RunningTrials) : ISweepWire
{
    public bool IsFinished => Phase == SweepPhase.Cancelled || Done + Failed == Total;

    /// <summary>
    /// When the sweep last began running in the coordinator that answers: submitted, recovered after a restart, resumed
    /// after a pause or extended. Its pace is measured from then, not over minutes in which it could not run. Absent in
    /// statuses from older coordinators (then <see cref="SubmittedAt"/> stands in).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ActiveSince { get; init; }
}

public sealed record RunningTrial(TrialId TrialId, int D, int Seed, string Node, int Attempt, DateTimeOffset StartedAt, int Step, int TotalSteps, double Loss);

/// <summary>Continue a sweep from its journal. Trials that were in flight run again (their attempt counted); failed trials only with <see cref="RetryFailed"/>.</summary>
public sealed record ResumeSweep(SweepId SweepId, bool RetryFailed) : ISweepCommand;

/// <summary>Add axis values to a sweep; only the new grid points run. Anything else that changed is refused.</summary>
public sealed record ExtendSweep(SweepId SweepId, SweepSpec Spec, string SpecText) : ISweepCommand;

/// <summary>Stop starting new trials (running ones finish). Persisted.</summary>
public sealed record PauseSweep(SweepId SweepId) : ISweepCommand;

/// <summary>Stop the sweep for good: nothing more starts. Persisted.</summary>
public sealed record CancelSweep(SweepId SweepId) : ISweepCommand;

/// <summary>Every sweep in the store, with its progress.</summary>
public sealed record ListSweeps : ISweepWire;

public sealed record SweepList(IReadOnlyList<SweepStatus> Sweeps) : ISweepWire;

/// <summary>Rebuild a sweep's results folder from the journal, whatever its progress.</summary>
public sealed record WriteSweepResults(SweepId SweepId) : ISweepWire;

public sealed record SweepResultsWritten(SweepId SweepId, string Folder, SweepStatus Status) : ISweepWire;

/// <summary>The store has no sweep with this id; <see cref="Known"/> lists the ones it has.</summary>
public sealed record SweepUnknown(SweepId SweepId, IReadOnlyList<SweepId> Known) : ISweepWire;
