using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;

namespace Sweep.Cli.Hosting;

/// <summary>
/// A command's hold on the store: the preflight checks, the writer lock (for commands that change sweeps) and an
/// embedded node. A reader (list, results) opens the store read-only with the coordinator role alone: it recovers
/// sweeps and answers queries, and neither trains nor writes to the journal.
/// </summary>
public sealed class StoreSession : IAsyncDisposable
{
    private readonly StoreLock? _lock;

    private StoreSession(EmbeddedNode node, StoreLock? writerLock)
    {
        Node = node;
        _lock = writerLock;
    }

    public EmbeddedNode Node { get; }

    /// <exception cref="StoreUnavailableException">The store is missing, corrupt, locked or unreachable.</exception>
    public static async Task<StoreSession> OpenForWritingAsync(NodeOptions options, bool mustExist, CancellationToken cancellationToken)
    {
        await StorePreflight.CheckAsync(options.Store, mustExist, forWriting: true, cancellationToken);
        var writerLock = StoreLock.Acquire(options.Store);
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
        await StorePreflight.CheckAsync(store, mustExist: true, forWriting: false, cancellationToken);
        var options = new NodeOptions
        {
            Store = store,
            Roles = [SweepRoles.Coordinator],
            Slots = [],
            ReadOnly = true,
            Settings = new SweepSettings(SweepSettings.DefaultSnapshotEvery, SweepSettings.DefaultMaxAttempts, resultsRoot),
        };
        return new StoreSession(await EmbeddedNode.StartAsync(options, cancellationToken), null);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _lock?.Dispose();
    }
}
