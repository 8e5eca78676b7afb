using Akka.Actor;
using Akka.Cluster;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;

namespace Sweep.Actors.Monitoring;

/// <summary>
/// Answers the gateway's membership queries and commands from this node's view of the cluster: who is a member,
/// with what roles and status, who is unreachable, who leads, and where the coordinator singleton runs.
/// </summary>
public static class ClusterMembership
{
    public static ISweepWire Handle(Cluster cluster, IGatewayQuery query) => query switch
    {
        GetClusterState => StateOf(cluster),
        LeaveMember leave => Act(cluster, leave.Address, "leave", cluster.Leave),
        DownMember down => Act(cluster, down.Address, "down", cluster.Down),
        DownUnreachable => DownAllUnreachable(cluster),
        _ => new MembershipRefused($"Unknown request {query.GetType().Name}.", []),
    };

    public static ClusterState StateOf(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.Union(state.Unreachable).OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToList();
        var coordinator = members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(SweepRoles.Coordinator))
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
        return new ClusterState(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            coordinator?.Address.ToString(),
            members.Select(m => new ClusterMember(
                m.Address.ToString(),
                m.Roles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList(),
                m.Status.ToString(),
                !unreachable.Contains(m.Address))).ToList());
    }

    private static ISweepWire Act(Cluster cluster, string address, string action, Action<Address> change)
    {
        var members = cluster.State.Members.Union(cluster.State.Unreachable).Select(m => m.Address).ToList();
        var target = members.FirstOrDefault(a => a.ToString() == address.TrimEnd('/'));
        if (target is null)
        {
            return new MembershipRefused($"{address} is not a member of the cluster.", members.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
        }

        change(target);
        return new MembershipChanged(action, [target.ToString()], cluster.SelfAddress.ToString());
    }

    private static MembershipChanged DownAllUnreachable(Cluster cluster)
    {
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        foreach (var address in unreachable)
        {
            cluster.Down(address);
        }

        return new MembershipChanged("down", unreachable.Select(a => a.ToString()).ToList(), cluster.SelfAddress.ToString());
    }
}
