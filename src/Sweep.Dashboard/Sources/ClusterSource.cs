using Akka.Actor;
using Sweep.Actors.Protocol;

namespace Sweep.Dashboard.Sources;

/// <summary>
/// A running cluster, reached through a node's gateway: the CLI's ClusterClient forwarder for <c>sweep dashboard
/// --contact</c>, or this node's own gateway for <c>sweep run --dashboard</c>. The gateway answers membership itself
/// and forwards the rest to the coordinator singleton.
/// </summary>
/// <param name="gateway">Answers <see cref="GetClusterState"/> and forwards sweep queries and commands.</param>
/// <param name="inProcess">The gateway lives in this process: replies are never serialized, so results come in one reply and done trials are listed at any size.</param>
public sealed class ClusterSource(IActorRef gateway, string contact, bool inProcess) : CoordinatorAsks(gateway, inProcess ? 0 : RemotePage)
{
    /// <summary>Completed trials per reply across the network: small enough for a remoting frame.</summary>
    public const int RemotePage = 100;

    /// <summary>Done-trial rows in one remote reply stay under the frame limit up to about this many.</summary>
    public const int RemoteDoneRows = 400;

    public override string Describe => "cluster " + contact;

    public override bool CanControl => true;

    public override bool CanListDone(int total) => inProcess || total <= RemoteDoneRows;

    public override async Task<ClusterState?> ClusterAsync(CancellationToken cancellationToken) =>
        await AskAsync(new GetClusterState(), cancellationToken) as ClusterState;

    /// <summary>A sweep on a cluster is driven by its coordinator.</summary>
    public override string StateOf(SweepStatus status) => StateOf(status, driven: true);
}
