using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sweep.Cli.Tests.Infrastructure;
using Sweep.Reporting;

namespace Sweep.Cli.Tests;

/// <summary>A store that cannot be used gives a clear error and exit code 3, and nothing in it is deleted or changed.</summary>
public sealed class StoreFailureTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("store");

    [Fact]
    public async Task A_corrupt_journal_is_reported_and_left_untouched()
    {
        var journal = Path.Combine(_folder, "journal.db");
        await File.WriteAllBytesAsync(journal, [.. "SQLite format 3\0"u8, .. RandomNumberGenerator.GetBytes(8192)]);
        var before = SHA256.HashData(await File.ReadAllBytesAsync(journal));

        foreach (var args in new[] { new[] { "list" }, ["resume", "some-sweep"], ["results", "some-sweep"], ["run", TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick)] })
        {
            var (code, output) = await SweepProcess.RunAsync(_folder, [.. args, "--store", "sqlite:" + journal]);

            Assert.True(code == 3, $"{args[0]}: exit {code}\n{output}");
            Assert.Contains("corrupt", output);
            Assert.Contains(journal, output);
        }

        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(journal)));
        Assert.False(Directory.Exists(TestSpecs.ResultsFolderOf(_folder, TestSpecs.Quick)), "the run wrote results although its journal is corrupt");
    }

    [Fact]
    public async Task A_journal_locked_by_another_process_is_reported()
    {
        var journal = Path.Combine(_folder, "journal.db");
        var spec = TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick);
        Assert.Equal(0, (await SweepProcess.RunAsync(_folder, "run", spec, "--store", "sqlite:" + journal)).ExitCode);
        Assert.True(File.Exists(Path.Combine(TestSpecs.ResultsFolderOf(_folder, TestSpecs.Quick), ResultsFolder.TrialsFile))); // the path the corrupt-journal test checks is the real one
        var eventsBefore = CountEvents(journal);

        using (var holder = new SqliteConnection($"Data Source={journal};Pooling=False"))
        {
            holder.Open();
            using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            exclusive.ExecuteNonQuery();

            var (code, output) = await SweepProcess.RunAsync(_folder, "resume", "quick", "--store", "sqlite:" + journal);
            Assert.True(code == 3, $"resume: exit {code}\n{output}");
            Assert.Contains("locked by another process", output);

            // A reader only reads (WAL: the last committed state), so another process's write lock does not stop it.
            var list = await SweepProcess.RunAsync(_folder, "list", "--store", "sqlite:" + journal);
            Assert.True(list.ExitCode == 0, list.Output);
            Assert.Contains("quick", list.Output);
        }

        Assert.Equal(eventsBefore, CountEvents(journal));
    }

    [Fact]
    public async Task A_second_writer_on_one_journal_is_refused_while_the_first_runs()
    {
        var journal = Path.Combine(_folder, "journal.db");
        var spec = TestSpecs.Write(_folder, "k.yaml", TestSpecs.Killable);
        using var first = SweepProcess.Start(_folder, "run", spec, "--slots", "1", "--store", "sqlite:" + journal);
        await first.WaitForLineAsync(l => l.Contains("0/6 done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        var second = await SweepProcess.RunAsync(_folder, "run", TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick), "--store", "sqlite:" + journal);
        var reader = await SweepProcess.RunAsync(_folder, "list", "--store", "sqlite:" + journal, "--json");

        Assert.True(second.ExitCode == 3, second.Output);
        Assert.Contains("another sweep process writes to it", second.Output);
        Assert.True(reader.ExitCode == 0, reader.Output); // readers may look while a sweep runs
        Assert.Contains("\"state\": \"running\"", reader.Output);
        Assert.DoesNotContain("quick", reader.Output);
    }

    [Fact]
    public async Task An_unreachable_postgres_names_the_address()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (code, output) = await SweepProcess.RunAsync(_folder, "list", "--store", $"postgres:Host=127.0.0.1;Port={port};Username=sweep;Database=sweep;Timeout=3");

        Assert.True(code == 3, output);
        Assert.Contains($"Cannot reach PostgreSQL at 127.0.0.1:{port}", output);
    }

    [Fact]
    public async Task An_unknown_sweep_id_lists_the_known_sweeps()
    {
        var journal = "sqlite:" + Path.Combine(_folder, "journal.db");
        var spec = TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick);
        var run = await SweepProcess.RunAsync(_folder, "run", spec, "--store", journal);
        var id = KillAndResume.SweepIdIn(run.Output);

        foreach (var command in new[] { "resume", "results" })
        {
            var (code, output) = await SweepProcess.RunAsync(_folder, command, "no-such-sweep", "--store", journal);

            Assert.True(code == 3, output);
            Assert.Contains("no sweep 'no-such-sweep'", output);
            Assert.Contains(id, output);
        }
    }

    [Fact]
    public async Task A_missing_journal_is_not_created_by_a_reader()
    {
        var journal = Path.Combine(_folder, "nothing-here.db");

        var (code, output) = await SweepProcess.RunAsync(_folder, "list", "--store", "sqlite:" + journal);

        Assert.True(code == 3, output);
        Assert.Contains($"No journal at {journal}", output);
        Assert.False(File.Exists(journal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long CountEvents(string journal)
    {
        using var db = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM journal";
        return (long)count.ExecuteScalar()!;
    }
}
