namespace Sweep.Actors.Protocol;

// Membership queries and commands a client (`sweep cluster ...`) sends to a node's gateway. The gateway answers them
// itself, as the node it runs on sees the cluster; they never reach the coordinator.

/// <summary>Marks the messages <see cref="Coordination.SweepGateway"/> answers itself.</summary>
public interface IGatewayQuery : ISweepWire;

public sealed record GetClusterState : IGatewayQuery;

/// <summary>
/// The cluster as <see cref="SeenBy"/> sees it. <see cref="Coordinator"/> is where the coordinator singleton runs
/// (the oldest Up member with role coordinator), null while there is none.
/// </summary>
public sealed record ClusterState(string SeenBy, string? Leader, string? Coordinator, IReadOnlyList<ClusterMember> Members) : ISweepWire;

/// <summary>One member: its address, roles, status (Joining, Up, Leaving, Exiting, Down, Removed) and whether <see cref="ClusterState.SeenBy"/> can reach it.</summary>
public sealed record ClusterMember(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable);

/// <summary>Ask a member to leave the cluster gracefully (its singletons hand over, its trials are requeued).</summary>
public sealed record LeaveMember(string Address) : IGatewayQuery;

/// <summary>Mark a member as down: the cluster stops waiting for it (use on a node known to be dead).</summary>
public sealed record DownMember(string Address) : IGatewayQuery;

/// <summary>Down every member the answering node sees as unreachable.</summary>
public sealed record DownUnreachable : IGatewayQuery;

/// <summary>What a membership command did: the addresses it acted on (none: nothing to do).</summary>
public sealed record MembershipChanged(string Action, IReadOnlyList<string> Addresses, string SeenBy) : ISweepWire;

/// <summary>A membership command named no member of the cluster.</summary>
public sealed record MembershipRefused(string Reason, IReadOnlyList<string> Members) : ISweepWire;
