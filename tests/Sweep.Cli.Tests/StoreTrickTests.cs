using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// Tricks on a SQLite journal, as a careless or a hostile local user would play them: links to it, a planted link
/// where the writer records itself, read-only files and folders, an empty file, a mistyped scheme. None may let two
/// writers share a journal, write through a link, hang, or create or change a file a reader only reads.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreTrickTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("tricks");

    public StoreTrickTests() =>
        // Reachable by the unprivileged user the read-only tests run as (temporary folders are created 0700).
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111);

    [Fact]
    public async Task A_symbolic_or_hard_link_to_a_running_journal_meets_the_writer_lock()
    {
        var journal = Path.Combine(_folder, "journal.db");
        var longSweep = TestSpecs.Killable.Replace("seeds: 2", "seeds: 20", StringComparison.Ordinal); // outlasts the three attempts below
        using var first = SweepProcess.Start(_folder, "run", TestSpecs.Write(_folder, "k.yaml", longSweep), "--slots", "1", "--store", "sqlite:" + journal);
        await first.WaitForLineAsync(l => l.Contains("0/60 done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var symbolic = Path.Combine(_folder, "symbolic.db");
        File.CreateSymbolicLink(symbolic, journal);
        var hard = Path.Combine(_folder, "hard.db");
        Assert.Equal(0, await Command("ln", journal, hard));
        var quick = TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick);

        foreach (var link in new[] { symbolic, hard })
        {
            var (code, output) = await SweepProcess.RunAsync(_folder, "run", quick, "--store", "sqlite:" + link);

            Assert.True(code == 3, $"{link}: exit {code}\n{output}");
            Assert.Contains("another sweep process writes to it", output);
        }

        Assert.Contains($"pid {first.Id}", (await SweepProcess.RunAsync(_folder, "run", quick, "--store", "sqlite:" + symbolic)).Output);

        first.Kill();
        Assert.DoesNotContain(SweepIds(journal, immutable: false), id => id.StartsWith("quick", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planted_link_at_the_owner_file_is_replaced_and_its_target_never_written()
    {
        var journal = Path.Combine(_folder, "journal.db");
        var victim = TestSpecs.Write(_folder, "victim.txt", "precious\n");
        File.CreateSymbolicLink(journal + ".owner", victim);

        var (code, output) = await SweepProcess.RunAsync(_folder, "run", TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick), "--store", "sqlite:" + journal);

        Assert.True(code == 0, output);
        Assert.Equal("precious\n", await File.ReadAllTextAsync(victim));
        Assert.False(File.Exists(journal + ".owner"), "the writer removes its owner file when it ends");
        Assert.False(File.Exists(journal + ".lock"), "the lock is on the journal itself; no lock file");
        Assert.Empty(Directory.GetFiles(_folder, "journal.db.owner.*"));
    }

    [Fact]
    public async Task A_read_only_journal_is_refused_at_once_and_nothing_is_created_beside_it()
    {
        var journal = await FinishedJournalAsync("journal.db");
        var id = SweepIds(journal).Single();
        var spec = TestSpecs.Write(_folder, "q2.yaml", TestSpecs.Quick);
        File.SetUnixFileMode(journal, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = Snapshot();

        // Root may write any file: the mode says the journal is meant to stay as it is. An unprivileged user cannot.
        var asOwner = await SweepProcess.RunAsync(_folder, "resume", id, "--store", "sqlite:" + journal);
        var asOther = await SweepProcess.RunUnprivilegedAsync(_folder, "run", spec, "--store", "sqlite:" + journal);

        foreach (var (code, output) in new[] { asOwner, asOther })
        {
            Assert.True(code == 3, output);
            Assert.Contains($"the journal {journal} is read-only", output);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task In_a_read_only_folder_list_and_results_read_and_a_writer_is_refused()
    {
        var journal = await FinishedJournalAsync("journal.db");
        var readOnly = Path.Combine(_folder, "archive");
        Directory.CreateDirectory(readOnly);
        var archived = Path.Combine(readOnly, "journal.db");
        File.Copy(journal, archived);
        File.SetUnixFileMode(readOnly, (UnixFileMode)0b101_101_101);
        var hash = SHA256.HashData(await File.ReadAllBytesAsync(archived));
        var results = Path.Combine(_folder, "elsewhere");
        Directory.CreateDirectory(results);
        File.SetUnixFileMode(results, (UnixFileMode)0b111_111_111);
        var id = SweepIds(journal).Single();

        var list = await SweepProcess.RunUnprivilegedAsync(_folder, "list", "--store", "sqlite:" + archived);
        var rebuilt = await SweepProcess.RunUnprivilegedAsync(_folder, "results", id, "--store", "sqlite:" + archived, "--results", results);
        var resume = await SweepProcess.RunUnprivilegedAsync(_folder, "resume", id, "--store", "sqlite:" + archived, "--results", results);

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(id, list.Output);
        Assert.Contains("finished", list.Output);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.True(File.Exists(Path.Combine(results, id, "trials.csv")), rebuilt.Output);
        Assert.True(resume.ExitCode == 3, resume.Output);
        Assert.Contains("read-only", resume.Output);
        Assert.Equal(["journal.db"], Directory.GetFiles(readOnly).Select(Path.GetFileName));
        Assert.Equal(hash, SHA256.HashData(await File.ReadAllBytesAsync(archived)));
    }

    [Fact]
    public async Task Readers_never_create_or_change_a_file_of_the_journal()
    {
        var journal = await FinishedJournalAsync("journal.db");
        var empty = Path.Combine(_folder, "empty.db");
        await File.WriteAllBytesAsync(empty, []);
        var before = Snapshot();

        var emptyList = await SweepProcess.RunAsync(_folder, "list", "--store", "sqlite:" + empty, "--json");
        var emptyResults = await SweepProcess.RunAsync(_folder, "results", "some-sweep", "--store", "sqlite:" + empty);
        var list = await SweepProcess.RunAsync(_folder, "list", "--store", "sqlite:" + journal);

        Assert.True(emptyList.ExitCode == 0, emptyList.Output);
        Assert.Contains("\"sweeps\": []", emptyList.Output);
        Assert.True(emptyResults.ExitCode == 3, emptyResults.Output);
        Assert.Contains("it holds no sweep", emptyResults.Output);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("finished", list.Output);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task An_unknown_store_scheme_is_bad_input_and_creates_nothing()
    {
        var quick = TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick);
        var before = Snapshot();

        foreach (var args in new[] { new[] { "run", quick }, ["list"], ["resume", "quick"], ["results", "quick"] })
        {
            var (code, output) = await SweepProcess.RunAsync(_folder, [.. args, "--store", "sqllite:typo.db"]);

            Assert.True(code == 2, $"{args[0]}: exit {code}\n{output}");
            Assert.Contains("unknown store scheme 'sqllite:'", output);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task The_interrupt_hint_names_a_command_that_finds_a_non_default_store()
    {
        var store = "sqlite:" + Path.Combine(_folder, "custom.db");
        var spec = TestSpecs.Write(_folder, "k.yaml", TestSpecs.Killable);
        string hint;
        using (var run = SweepProcess.Start(_folder, "run", spec, "--slots", "1", "--store", store, "--results", "out"))
        {
            await run.WaitForLineAsync(l => l.Contains("0/6 done · 1 running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            run.Signal(2);
            Assert.Equal(130, await run.WaitAsync(TimeSpan.FromMinutes(1)));
            hint = run.Lines.Single(l => l.Contains("interrupted", StringComparison.Ordinal)).Split('\'')[1];
        }

        Assert.StartsWith("sweep resume ", hint);
        using var resume = SweepProcess.Start(_folder, [.. hint["sweep ".Length..].Split(' '), "--slots", "1"]);
        await resume.WaitForLineAsync(l => l.Contains("already done", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        Assert.Contains($"store    {store}", resume.Output);
        Assert.False(File.Exists(Path.Combine(_folder, "sweep-journal.db")));
    }

    public void Dispose()
    {
        foreach (var folder in Directory.GetDirectories(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> FinishedJournalAsync(string name)
    {
        var journal = Path.Combine(_folder, name);
        var (code, output) = await SweepProcess.RunAsync(_folder, "run", TestSpecs.Write(_folder, "q.yaml", TestSpecs.Quick), "--store", "sqlite:" + journal);
        Assert.True(code == 0, output);
        Directory.Delete(Path.Combine(_folder, "results"), recursive: true);
        return journal;
    }

    /// <summary>The sweep ids in a journal, read directly (immutable for a finished journal, so this test's own reading changes nothing).</summary>
    private static List<string> SweepIds(string journal, bool immutable = true)
    {
        using var db = new SqliteConnection(immutable ? $"Data Source=file:{journal}?immutable=1;Mode=ReadOnly;Pooling=False" : $"Data Source={journal};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var ids = db.CreateCommand();
        ids.CommandText = "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id <> 'sweep-catalog'";
        using var reader = ids.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0)["sweep-".Length..]);
        }

        return found;
    }

    /// <summary>Every file under the folder with its size and modification time.</summary>
    private List<string> Snapshot() =>
        [.. Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")];

    private static async Task<int> Command(string program, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(program, args);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
