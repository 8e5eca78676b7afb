using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Coordination;
using Sweep.Dashboard;
using Sweep.Dashboard.Sources;

namespace Sweep.Cli.Hosting;

/// <summary>
/// <c>sweep run --dashboard [port]</c>: the dashboard served from the running process, on 127.0.0.1, over this node's
/// own gateway (in process: nothing is serialized). It stops when the run ends.
/// </summary>
public static class EmbeddedDashboard
{
    /// <returns>The server, or null when it could not start (said on the console; the sweep runs on).</returns>
    public static async Task<DashboardServer?> StartAsync(IAnsiConsole console, EmbeddedNode node, int port, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await node.System.ActorSelection(SweepGateway.Path).ResolveOne(TimeSpan.FromSeconds(10), cancellationToken);
            var address = Akka.Cluster.Cluster.Get(node.System).SelfAddress.ToString();
            var server = await DashboardServer.StartAsync(new ClusterSource(gateway, address, inProcess: true), new DashboardOptions(Port: port), cancellationToken);
            console.MarkupLineInterpolated($"dashboard {server.Link}");
            return server;
        }
        catch (Exception e) when (e is IOException or ActorNotFoundException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[yellow]no dashboard[/]: {e.Message}");
            return null;
        }
    }
}
