using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Sweep.Actors.Protocol;

namespace Sweep.Actors.Coordination;

/// <summary>
/// The door for clients outside the cluster (the <c>sweep</c> command with <c>--cluster</c>). Every node runs one at
/// <c>/user/sweep-gateway</c>, registered with the ClusterClient receptionist, and forwards sweep commands and queries
/// to the coordinator singleton wherever it runs, so a client reaches the coordinator through any node, also while
/// the coordinator moves or restarts (the singleton proxy buffers meanwhile). It answers membership queries
/// (<see cref="IGatewayQuery"/>: <c>sweep cluster show</c>, leave, down) itself.
/// </summary>
public sealed class SweepGateway : ReceiveActor
{
    public const string Name = "sweep-gateway";

    public const string Path = "/user/" + Name;

    public SweepGateway(IActorRef coordinator)
    {
        // Membership queries are answered here, as this node sees the cluster; they work without a coordinator.
        Receive<IGatewayQuery>(query => Sender.Tell(Monitoring.ClusterMembership.Handle(Akka.Cluster.Cluster.Get(Context.System), query)));
        Receive<ISweepWire>(message => coordinator.Forward(message));
    }

    public static Props Props(IActorRef coordinator) => Akka.Actor.Props.Create(() => new SweepGateway(coordinator));
}

/// <summary>Akka.Hosting wiring: a gateway on every node, registered with the receptionist.</summary>
public static class SweepGatewayHosting
{
    public static Akka.Hosting.AkkaConfigurationBuilder AddSweepGateway(this Akka.Hosting.AkkaConfigurationBuilder builder) =>
        Akka.Hosting.AkkaHostingExtensions.WithActors(builder, (system, registry) =>
        {
            var gateway = system.ActorOf(SweepGateway.Props(registry.Get<SweepCoordinator>()), SweepGateway.Name);
            ClusterClientReceptionist.Get(system).RegisterService(gateway);
        });
}
