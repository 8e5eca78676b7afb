using System.Diagnostics;
using Akka.Actor;
using Sweep.Actors.Protocol;
using Sweep.Cli.Hosting;
using Sweep.Core.Trials;

/// <summary>
/// The status half of scripts/bench-large-sweep: one client connected as <c>sweep status</c> connects (the same
/// ClusterConnection and gateway), asking <see cref="GetSweepStatus"/> every 100 ms and writing one line per answer,
/// "round-trip-ms done total", until the node stops answering. The CLI's own wall time adds the process start and
/// the handshake on top of this round trip; the script measures that too.
/// </summary>
internal static class StatusProbe
{
    public static async Task<int> RunAsync(string contact, string sweepId, string output)
    {
        await using var connection = await ClusterConnection.ConnectAsync(contact, TimeSpan.FromSeconds(60), CancellationToken.None);
        await using var lines = new StreamWriter(output, append: false) { AutoFlush = true };
        var id = new SweepId(sweepId);
        while (true)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var reply = await connection.Coordinator.Ask<ISweepWire>(new GetSweepStatus(id), TimeSpan.FromSeconds(10));
                clock.Stop();
                if (reply is SweepStatus status)
                {
                    await lines.WriteLineAsync($"{clock.Elapsed.TotalMilliseconds:F1} {status.Done} {status.Total}");
                }
            }
            catch (AskTimeoutException)
            {
                return 0; // the node is gone (killed, or finished and stopped)
            }

            await Task.Delay(100);
        }
    }
}
