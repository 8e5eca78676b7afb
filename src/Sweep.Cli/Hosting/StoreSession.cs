using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;

namespace Sweep.Cli.Hosting;

/// <summary>
/// A command's hold on the store: the preflight checks, the lock (exclusive for commands that change sweeps, shared
/// for readers) and an embedded node. A reader (list, results) opens the store read-only with the coordinator role
/// alone: it recovers sweeps and answers queries, and neither trains nor creates or changes a file of the journal.
/// </summary>
public sealed class StoreSession : IAsyncDisposable
{
    private readonly StoreLock _lock;

    private StoreSession(EmbeddedNode node, StoreLock hold)
    {
        Node = node;
        _lock = hold;
    }

    public EmbeddedNode Node { get; }

    /// <summary>For a reader: whether a writer process held the journal when it was opened (a sweep running, not interrupted).</summary>
    public bool WriterAlive => _lock.WriterAlive;

    /// <exception cref="StoreUnavailableException">The store is missing, corrupt, locked or unreachable.</exception>
    public static async Task<StoreSession> OpenForWritingAsync(NodeOptions options, bool mustExist, CancellationToken cancellationToken)
    {
        var writerLock = await StorePreflight.OpenForWritingAsync(options.Store, mustExist, cancellationToken);
        try
        {
            return new StoreSession(await EmbeddedNode.StartAsync(options, cancellationToken), writerLock);
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <exception cref="StoreUnavailableException">The store is missing, corrupt, locked or unreachable.</exception>
    public static async Task<StoreSession> OpenForReadingAsync(StoreLocation store, string resultsRoot, CancellationToken cancellationToken)
    {
        var (reading, hold) = await StorePreflight.OpenForReadingAsync(store, cancellationToken);
        var options = new NodeOptions
        {
            Store = reading,
            Roles = [SweepRoles.Coordinator],
            Slots = [],
            ReadOnly = true,
            Settings = new SweepSettings(SweepSettings.DefaultSnapshotEvery, SweepSettings.DefaultMaxAttempts, resultsRoot),
        };
        try
        {
            return new StoreSession(await EmbeddedNode.StartAsync(options, cancellationToken), hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _lock.Dispose(); // after the node: closing the file drops this process's SQLite record locks on it
    }
}
