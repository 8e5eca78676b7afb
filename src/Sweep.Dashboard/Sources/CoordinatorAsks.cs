using Akka.Actor;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Dashboard.Sources;

/// <summary>The queries both sources send, to whatever actor answers as the coordinator (its proxy, or a gateway).</summary>
public abstract class CoordinatorAsks(IActorRef coordinator, int resultsPage) : IDashboardSource
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    public abstract string Describe { get; }

    public abstract bool CanControl { get; }

    protected IActorRef Coordinator { get; } = coordinator;

    public async Task<IReadOnlyList<SweepStatus>> ListAsync(CancellationToken cancellationToken) =>
        await AskAsync(new ListSweeps(), cancellationToken) is SweepList list ? list.Sweeps : [];

    public async Task<SweepStatus?> StatusAsync(SweepId sweepId, CancellationToken cancellationToken) =>
        await AskAsync(new GetSweepStatus(sweepId), cancellationToken) as SweepStatus;

    public async Task<IReadOnlyList<TrialRow>> TrialsAsync(SweepId sweepId, string state, CancellationToken cancellationToken) =>
        await AskAsync(new GetSweepTrials(sweepId, state), cancellationToken) is SweepTrials trials ? trials.Trials : [];

    public abstract bool CanListDone(int total);

    public async Task<SweepResults?> ResultsAsync(SweepId sweepId, CancellationToken cancellationToken)
    {
        SweepResults? all = null;
        while (true)
        {
            var skip = all?.Completed.Count ?? 0;
            if (await AskAsync(new GetSweepResults(sweepId, skip, resultsPage), cancellationToken) is not SweepResults next)
            {
                return all;
            }

            all = all is null ? next : all with { Completed = [.. all.Completed, .. next.Completed] };
            if (resultsPage == 0 || next.Completed.Count < resultsPage)
            {
                return all;
            }
        }
    }

    public async Task<ClusterActivity?> ActivityAsync(CancellationToken cancellationToken) =>
        await AskAsync(new GetActivity(), cancellationToken) as ClusterActivity;

    public abstract Task<ClusterState?> ClusterAsync(CancellationToken cancellationToken);

    public abstract string StateOf(SweepStatus status);

    public Task<ISweepWire> ControlAsync(ISweepCommand command, CancellationToken cancellationToken) =>
        CanControl ? AskAsync(command, cancellationToken) : Task.FromResult<ISweepWire>(new SweepRejected("This dashboard reads a journal; nothing runs the sweep here."));

    protected Task<ISweepWire> AskAsync(ISweepWire message, CancellationToken cancellationToken) =>
        Coordinator.Ask<ISweepWire>(message, AskTimeout, cancellationToken);

    /// <summary>finished, cancelled, paused, else running or interrupted as <paramref name="driven"/> says (as <c>sweep list</c>).</summary>
    protected static string StateOf(SweepStatus s, bool driven) => s switch
    {
        { Phase: SweepPhase.Cancelled } => "cancelled",
        { IsFinished: true } => "finished",
        { Phase: SweepPhase.Paused } => "paused",
        _ => driven ? "running" : "interrupted",
    };
}
