using System.Text.Json;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Tests.Shared;

namespace Sweep.Cli.Tests;

/// <summary>
/// A TLS cluster of real processes on 127.0.0.1 with real certificates from scripts/make-certs: members and clients
/// holding a certificate of the cluster's CA work; a node with a certificate of another CA never becomes a member,
/// and neither a plaintext client nor one from another CA can cancel a sweep (exit 3, the sweep runs on).
/// </summary>
[Collection("kill and resume")]
public sealed class TlsClusterTests : IDisposable
{
    // 16 trials of 60 s on 2 slots: the sweep is still running, however loaded the machine, while the refused clients time out.
    private static readonly string LongSimulated = SpecYaml.Quick
        .With("name: quick", "name: tls-long")
        .With("seed: 3", "seed: 5")
        .With("epochs: 3", "epochs: 1")
        .With("  d: [4]\n  seeds: 2", "  d: [2, 3, 4, 5]\n  seeds: 4");

    private readonly TestCluster _cluster = new(TestSpecs.Folder("tls"));

    private string Folder => _cluster.Folder;

    [Fact]
    public async Task Only_certificates_of_the_cluster_CA_join_or_command_and_plaintext_is_refused()
    {
        var lab = LabCertificates.Make(Path.Combine(Folder, "lab"), "node1", "node2", "client");
        var other = LabCertificates.Make(Path.Combine(Folder, "other"), "rogue", "intruder");
        var store = $"sqlite:{Path.Combine(Folder, "journal.db")}";
        var seedPort = TestCluster.FreePort();
        var contact = $"127.0.0.1:{seedPort}";
        string[] simulate = ["--simulate", "60000"];
        var seed = await _cluster.StartNode(seedPort, "coordinator,trainer", store, seeds: null, slots: 1, extra: [.. lab.Options("node1"), .. simulate]);
        Assert.Contains(seed.Lines, l => l.StartsWith("tls      on, mutual authentication", StringComparison.Ordinal));
        var memberPort = TestCluster.FreePort();
        await _cluster.StartNode(memberPort, "trainer", store, contact, slots: 1, extra: [.. lab.Options("node2"), .. simulate]);

        var roguePort = TestCluster.FreePort();
        using var rogue = SweepProcess.Start(Folder, ["node", "--roles", "trainer", "--port", roguePort.ToString(), "--slots", "1", "--seed-nodes", contact, .. other.Options("rogue"), .. simulate]);
        using var run = SweepProcess.Start(Folder, ["run", TestSpecs.Write(Folder, "spec.yaml", LongSimulated), "--cluster", contact, .. lab.Options("client")]);
        await run.WaitForLineAsync(l => l.StartsWith("sweep ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var sweepId = KillAndResume.SweepIdIn(run.Output);

        // A plaintext client and a client with another CA's certificate: nothing answers them, and nothing is cancelled.
        var plaintext = SweepProcess.RunAsync(Folder, "cancel", sweepId, "--contact", contact);
        var intruder = SweepProcess.RunAsync(Folder, ["cancel", sweepId, "--contact", contact, .. other.Options("intruder")]);
        var (plainCode, plainOutput) = await plaintext;
        var (intruderCode, intruderOutput) = await intruder;
        Assert.True(plainCode == ExitCodes.Unreachable, $"plaintext cancel exited {plainCode}:\n{plainOutput}");
        Assert.True(intruderCode == ExitCodes.Unreachable, $"other-CA cancel exited {intruderCode}:\n{intruderOutput}");
        // Each is told why, with what to check.
        Assert.Contains("if the cluster runs TLS, pass --tls-cert", plainOutput, StringComparison.Ordinal);
        Assert.Contains("TLS handshake failed", intruderOutput, StringComparison.Ordinal);

        var status = await Status(contact, sweepId, lab);
        Assert.Equal("running", status.GetProperty("state").GetString());
        Assert.DoesNotContain(JournalReader.Events(store, sweepId), e => e.Manifest == "sweep-cancelled");

        // The rogue node has had the whole time the refused clients waited; it is no member and ran nothing.
        var members = (await _cluster.Json(["cluster", "show", "--contact", contact, .. lab.Options("client")])).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("address").GetString()!).ToList();
        Assert.Equal(2, members.Count);
        Assert.Contains(members, a => a.EndsWith($":{memberPort}", StringComparison.Ordinal) && a.StartsWith("akka.ssl.tcp://", StringComparison.Ordinal));
        Assert.DoesNotContain(members, a => a.EndsWith($":{roguePort}", StringComparison.Ordinal));
        Assert.DoesNotContain(rogue.Lines, l => l.StartsWith("up ", StringComparison.Ordinal));
        Assert.DoesNotContain(JournalReader.Events(store, sweepId), e => e.Manifest == "trial-started" && e.Body.GetRawText().Contains($":{roguePort}", StringComparison.Ordinal));

        // The same cancel from a client of the cluster's CA goes through: the refusals above were TLS, not the command.
        var (cancelCode, cancelOutput) = await SweepProcess.RunAsync(Folder, ["cancel", sweepId, "--contact", contact, .. lab.Options("client")]);
        Assert.True(cancelCode == 0, cancelOutput);
        Assert.Equal("cancelled", (await Status(contact, sweepId, lab)).GetProperty("state").GetString());
        Assert.Contains(JournalReader.Events(store, sweepId), e => e.Manifest == "sweep-cancelled");
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task<JsonElement> Status(string contact, string sweepId, LabCertificates lab) =>
        (await _cluster.Json(["status", sweepId, "--contact", contact, .. lab.Options("client")])).GetProperty("sweeps")[0];
}
