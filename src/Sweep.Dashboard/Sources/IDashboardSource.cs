using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Dashboard.Sources;

/// <summary>
/// Where the dashboard reads sweeps from: a running cluster through a node's gateway (<see cref="ClusterSource"/>),
/// or a journal opened read-only (<see cref="JournalSource"/>). Every answer is the coordinator's own reply type, so
/// the dashboard shows exactly what <c>sweep status</c>, <c>trials</c> and <c>results</c> show.
/// </summary>
public interface IDashboardSource
{
    /// <summary>"cluster akka.tcp://sweep@host:port" or "store sqlite:sweep.db".</summary>
    string Describe { get; }

    /// <summary>Whether pause, resume and cancel can reach a coordinator that acts on them (not a read-only journal).</summary>
    bool CanControl { get; }

    Task<IReadOnlyList<SweepStatus>> ListAsync(CancellationToken cancellationToken);

    /// <returns>The status, or null for a sweep the store does not hold.</returns>
    Task<SweepStatus?> StatusAsync(SweepId sweepId, CancellationToken cancellationToken);

    /// <summary>The trials in one state (running, failed, done, pending) as <c>sweep trials</c> lists them.</summary>
    Task<IReadOnlyList<TrialRow>> TrialsAsync(SweepId sweepId, string state, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="TrialsAsync"/> for done trials fits one reply for a sweep of this size (a remoting frame limits the cluster's).</summary>
    bool CanListDone(int total);

    /// <summary>Every completed and failed trial with its metrics (paged underneath as the transport needs).</summary>
    Task<SweepResults?> ResultsAsync(SweepId sweepId, CancellationToken cancellationToken);

    /// <summary>What each trainer slot and sweep did lately.</summary>
    Task<ClusterActivity?> ActivityAsync(CancellationToken cancellationToken);

    /// <summary>Membership as the contacted node sees it; null where there is no cluster (a journal).</summary>
    Task<ClusterState?> ClusterAsync(CancellationToken cancellationToken);

    /// <summary>"running" or "interrupted" for an unfinished, unpaused sweep: whether a process is driving it.</summary>
    string StateOf(SweepStatus status);

    /// <summary>Sends pause, resume or cancel; the reply (status, rejection) as the coordinator gave it.</summary>
    Task<ISweepWire> ControlAsync(ISweepCommand command, CancellationToken cancellationToken);
}
