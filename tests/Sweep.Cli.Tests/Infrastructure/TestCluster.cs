using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>
/// Real <c>sweep node</c> processes on 127.0.0.1 in one working folder, and the <c>sweep</c> client run against them.
/// Every node started here is SIGKILLed at the end.
/// </summary>
internal sealed class TestCluster(string folder) : IDisposable
{
    public string Folder => folder;

    private readonly List<SweepProcess> _nodes = [];

    /// <summary>Starts a node and waits until it has joined (printed "up").</summary>
    public async Task<SweepProcess> StartNode(int port, string roles, string store, string? seeds, int slots = 1, params string[] extra)
    {
        string[] args = ["node", "--roles", roles, "--port", port.ToString(), "--slots", slots.ToString(), "--store", store, .. extra];
        var node = SweepProcess.Start(folder, seeds is null ? args : [.. args, "--seed-nodes", seeds]);
        _nodes.Add(node);
        await node.WaitForLineAsync(l => l.StartsWith("up ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        return node;
    }

    /// <summary>Runs a client command to its end and parses its output as JSON; fails the test on a non-zero exit.</summary>
    public async Task<JsonElement> Json(params string[] args)
    {
        var (code, output) = await SweepProcess.RunAsync(folder, [.. args, "--json"]);
        Assert.True(code == 0, $"sweep {string.Join(' ', args)} exited {code}:\n{output}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="check"/> holds, at most <paramref name="timeout"/>; returns the last value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> check, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (check(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout}: {what}. Last: {value}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Polls for <paramref name="window"/> and fails at the first value for which <paramref name="check"/> does not
    /// hold: for what must not happen, such as a trial starting in a paused sweep. Returns the last value.
    /// </summary>
    public static async Task<T> Throughout<T>(Func<Task<T>> probe, Func<T, bool> check, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        while (true)
        {
            var value = await probe();
            Assert.True(check(value), $"Not throughout {window}: {what}. Last: {value}");
            if (DateTime.UtcNow > end)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
