using Sweep.Actors.Hosting;

namespace Sweep.Actors.Persistence;

/// <summary>
/// One writer per SQLite journal: a process that runs sweeps holds an exclusive lock on <c>&lt;journal&gt;.lock</c>
/// for its lifetime. The operating system drops it when the process ends, even by SIGKILL, so a crash never leaves
/// a stale lock. A second writer (two <c>sweep run</c> on one file) is refused instead of racing the first.
/// PostgreSQL stores are shared by a cluster, whose single writer is the coordinator singleton.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream? _lock;

    private StoreLock(FileStream? handle) => _lock = handle;

    public static StoreLock Acquire(StoreLocation store)
    {
        if (store.Kind != StoreKind.Sqlite)
        {
            return new StoreLock(null);
        }

        var lockPath = store.Target + ".lock";
        var ownerPath = store.Target + ".owner";
        try
        {
            var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(ownerPath, $"pid {Environment.ProcessId}, {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}, since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}\n");
            return new StoreLock(handle);
        }
        catch (IOException e)
        {
            var owner = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "unknown";
            throw new StoreUnavailableException($"The journal {store.Target} is locked: another sweep process writes to it ({owner}). Wait for it to end, or use another --store.", e);
        }
    }

    /// <summary>Whether a process holds the writer lock now (for <c>sweep list</c>: running or interrupted).</summary>
    public static bool IsHeld(StoreLocation store)
    {
        if (store.Kind != StoreKind.Sqlite || !File.Exists(store.Target + ".lock"))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(store.Target + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _lock?.Dispose();
}
