using Akka.Actor;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;

namespace Sweep.Dashboard.Sources;

/// <summary>
/// A journal read directly (<c>sweep dashboard --store</c>): a read-only coordinator that recovered every sweep
/// from the store, as <c>sweep list</c> and <c>sweep results</c> read it. It neither trains nor writes, so finished and
/// interrupted sweeps show as the journal holds them; an unfinished sweep is "running" while a process holds the
/// store's writer lock, else "interrupted".
/// </summary>
public sealed class JournalSource(IActorRef readOnlyCoordinator, StoreLocation store) : CoordinatorAsks(readOnlyCoordinator, 0)
{
    public override string Describe => "store " + store.Describe();

    public override bool CanControl => false;

    public override bool CanListDone(int total) => true;

    public override Task<ClusterState?> ClusterAsync(CancellationToken cancellationToken) => Task.FromResult<ClusterState?>(null);

    public override string StateOf(SweepStatus status) => StateOf(status, StoreLock.IsHeld(store));
}
