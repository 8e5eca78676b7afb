using Sweep.Core.Specs;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// Process-wide projections shared between trials instead of drawn again: the same (kind, D, d, seed, device) gives
/// the same Θ, so the trials of an MI group (one projection seed, several trainings) and repeated trials take it from
/// here. Thread-safe: trainers on several threads may ask for the same key at once, and only one of them draws it
/// (the others wait for that draw). Bounded in bytes: projections no trial holds are evicted, least recently used
/// first, while the total exceeds <see cref="Capacity"/>; one in use is never disposed under its holder, so the total
/// may exceed the bound while the trials running at once need more.
/// </summary>
public sealed class ProjectionCache
{
    /// <summary>The bound of the shared cache: 2 GiB, a dense Θ of the 784-200-200-10 MLP up to d ≈ 2,700.</summary>
    public const long DefaultCapacity = 2L << 30;

    private readonly object _gate = new();
    private readonly Dictionary<ProjectionKey, Entry> _entries = [];
    private long _clock;
    private long _draws;

    public ProjectionCache(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>The cache the trainers use.</summary>
    public static ProjectionCache Shared { get; } = new(DefaultCapacity);

    public long Capacity { get; }

    /// <summary>Native bytes held by the cached projections (in use or not).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.Sum(e => e.Bytes);
            }
        }
    }

    /// <summary>How many projections were drawn (not taken from the cache) since the process started.</summary>
    public long Draws => Interlocked.Read(ref _draws);

    /// <summary>The projection for <paramref name="key"/>, drawn if it is not cached. Dispose the lease when done.</summary>
    public ProjectionLease Acquire(ProjectionKey key)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(new Lazy<Task<IProjection>>(() => Draw(key), LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[key] = entry;
            }

            entry.Holders++;
            entry.LastUse = ++_clock;
        }

        var task = entry.Drawn.Value;
        if (task.IsFaulted)
        {
            Release(key, entry, forget: true);
            throw task.Exception!.InnerException ?? task.Exception!;
        }

        var projection = task.Result;
        lock (_gate)
        {
            entry.Bytes = projection.Bytes;
            EvictIdle();
        }

        return new ProjectionLease(projection, () => Release(key, entry, forget: false));
    }

    private Task<IProjection> Draw(ProjectionKey key)
    {
        Interlocked.Increment(ref _draws);
        try
        {
            return Task.FromResult(ProjectionFactory.Create(key.Kind, key.Rows, key.Columns, key.Seed, new Device(key.Device)));
        }
        catch (Exception e)
        {
            return Task.FromException<IProjection>(e);
        }
    }

    private void Release(ProjectionKey key, Entry entry, bool forget)
    {
        lock (_gate)
        {
            entry.Holders--;
            if (forget && entry.Holders == 0 && _entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(key);
            }

            EvictIdle();
        }
    }

    /// <summary>Disposes idle projections, least recently used first, until the total fits the bound. Under the lock.</summary>
    private void EvictIdle()
    {
        var total = _entries.Values.Sum(e => e.Bytes);
        if (total <= Capacity)
        {
            return;
        }

        foreach (var (key, entry) in _entries.Where(e => e.Value.Holders == 0 && e.Value.Bytes > 0).OrderBy(e => e.Value.LastUse).ToList())
        {
            if (total <= Capacity)
            {
                break;
            }

            _entries.Remove(key);
            total -= entry.Bytes;
            entry.Drawn.Value.Result.Dispose();
        }
    }

    private sealed class Entry(Lazy<Task<IProjection>> drawn)
    {
        public Lazy<Task<IProjection>> Drawn { get; } = drawn;

        public int Holders { get; set; }

        public long LastUse { get; set; }

        /// <summary>0 until drawn.</summary>
        public long Bytes { get; set; }
    }
}

/// <summary>What identifies a projection: the same key always gives the same Θ.</summary>
/// <param name="Device">The device's string form, e.g. "cpu" or "cuda:0".</param>
public sealed record ProjectionKey(ProjectionKind Kind, long Rows, int Columns, long Seed, string Device);

/// <summary>A trial's hold on a cached projection; disposing it lets the cache evict the projection.</summary>
public sealed class ProjectionLease(IProjection projection, Action release) : IDisposable
{
    private int _released;

    public IProjection Projection { get; } = projection;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
