using Sweep.Actors.Hosting;

namespace Sweep.Actors.Persistence;

/// <summary>
/// One writer per SQLite journal, keyed by the file itself, not by the path as typed: a writer (run, resume, extend,
/// a coordinator node) holds an exclusive <c>flock</c> on the journal file for its lifetime, so a symbolic or hard
/// link to the same journal meets the same lock. A reader holds a shared one while it reads a journal nobody writes
/// (SQLite's immutable mode), so a writer that starts meanwhile waits for it instead of changing the file under it.
/// The operating system drops the lock when the process ends, even by SIGKILL, so a crash never leaves a stale lock.
/// SQLite's own locks are POSIX record locks, which are independent of <c>flock</c> on Linux; the handle is closed
/// only after every SQLite connection of the process, as closing a descriptor would drop the process's record locks.
/// Who writes is recorded in <c>&lt;journal&gt;.owner</c> (beside the file a symbolic link points to), written without following links and removed at the end.
/// PostgreSQL stores are shared by a cluster, whose single writer is the coordinator singleton.
/// </summary>
public sealed class StoreLock : IDisposable
{
    /// <summary>How long a starting writer waits for readers (list, results) to finish before it gives up.</summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromSeconds(30);

    private readonly FileStream? _lock;
    private readonly string? _ownerPath;

    private StoreLock(FileStream? handle, string? ownerPath, bool writerAlive)
    {
        _lock = handle;
        _ownerPath = ownerPath;
        WriterAlive = writerAlive;
    }

    /// <summary>For a reader: whether a writer process held the journal when the reader opened it (running or interrupted).</summary>
    public bool WriterAlive { get; }

    /// <summary>The exclusive writer lock. The journal file must exist (the preflight check creates a new one).</summary>
    /// <exception cref="StoreUnavailableException">Another writer holds it, or readers did for longer than <see cref="ReaderWait"/>.</exception>
    public static StoreLock Acquire(StoreLocation store)
    {
        if (store.Kind != StoreKind.Sqlite)
        {
            return new StoreLock(null, null, writerAlive: false);
        }

        var path = store.Target;
        var ownerPath = OwnerPath(path);
        var deadline = DateTime.UtcNow + ReaderWait;
        while (true)
        {
            if (TryOpen(path, FileShare.None) is { } handle)
            {
                try
                {
                    JournalFile.WriteBeside(ownerPath, $"pid {Environment.ProcessId}, {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}, since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}\n");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    handle.Dispose();
                    throw new StoreUnavailableException($"Cannot record the writer of {path} in {ownerPath}: {e.Message}", e);
                }

                return new StoreLock(handle, ownerPath, writerAlive: false);
            }

            // Held. A shared lock succeeds beside readers only: wait for them; refuse a writer at once.
            using (var shared = TryOpen(path, FileShare.Read))
            {
                if (shared is null)
                {
                    var owner = JournalFile.ReadBeside(ownerPath)?.Trim() ?? "unknown";
                    throw new StoreUnavailableException($"The journal {path} is locked: another sweep process writes to it ({owner}). Wait for it to end, or use another --store.");
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StoreUnavailableException($"The journal {path} is locked by readers (sweep list or results) for more than {ReaderWait.TotalSeconds:0} s. Try again when they are done.");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Whether a writer process holds the journal now (a sweep running, else interrupted), holding nothing afterwards.</summary>
    public static bool IsHeld(StoreLocation store)
    {
        using var probe = AcquireShared(store);
        return probe.WriterAlive;
    }

    /// <summary>A reader's hold: shared when no writer holds the journal (then it is read as immutable), none beside a writer.</summary>
    public static StoreLock AcquireShared(StoreLocation store)
    {
        if (store.Kind != StoreKind.Sqlite)
        {
            return new StoreLock(null, null, writerAlive: false);
        }

        var handle = TryOpen(store.Target, FileShare.Read);
        return new StoreLock(handle, null, writerAlive: handle is null);
    }

    public void Dispose()
    {
        if (_ownerPath is not null)
        {
            try
            {
                File.Delete(_ownerPath); // deletes the entry (a link, never its target)
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stale owner file only says who wrote last.
            }
        }

        _lock?.Dispose();
    }

    /// <summary>Beside the file a link points to, so a writer through a symbolic link is named to one through the path (a hard link's other name cannot be found: its owner shows as unknown).</summary>
    private static string OwnerPath(string path)
    {
        try
        {
            return (File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path) + ".owner";
        }
        catch (IOException)
        {
            return path + ".owner";
        }
    }

    /// <summary>The journal opened read-only with an exclusive (None) or shared (Read) flock; null when another process holds a conflicting one.</summary>
    private static FileStream? TryOpen(string path, FileShare share)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, share);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
