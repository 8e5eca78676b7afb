using Sweep.Actors.Protocol;
using Sweep.Core.Trials;
using Sweep.Dashboard.Sources;

namespace Sweep.Dashboard.Model;

/// <summary>
/// Keeps the dashboard's picture current: every <see cref="Interval"/> it asks the source for the sweeps' statuses,
/// the activity and the membership, and refreshes the <see cref="SweepBook"/> of each sweep a client looked at in the
/// last minute, fetching trial lists only when the status counts moved and results only when more trials completed.
/// Each change raises <see cref="Generation"/>, which the event stream waits on.
/// </summary>
public sealed class SweepTracker : IAsyncDisposable
{
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(1);

    private readonly IDashboardSource _source;
    private readonly object _lock = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<SweepId, SweepBook> _books = [];
    private readonly Dictionary<SweepId, (DateTimeOffset LastAsked, Signature Seen)> _watched = [];
    private readonly Dictionary<SweepId, long> _lastVersions = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<SweepSummary> _sweeps = [];
    private Task _loop = Task.CompletedTask;

    private SweepTracker(IDashboardSource source, TimeSpan interval)
    {
        _source = source;
        Interval = interval;
    }

    public TimeSpan Interval { get; }

    public IDashboardSource Source => _source;

    public long Generation { get; private set; }

    public ClusterActivity? Activity { get; private set; }

    public ClusterState? Cluster { get; private set; }

    /// <summary>The last failure to read the source (null while reads succeed), shown on the page.</summary>
    public string? LastError { get; private set; }

    public IReadOnlyList<SweepSummary> Sweeps
    {
        get
        {
            lock (_lock)
            {
                return _sweeps;
            }
        }
    }

    public static async Task<SweepTracker> StartAsync(IDashboardSource source, TimeSpan interval, CancellationToken cancellationToken)
    {
        var tracker = new SweepTracker(source, interval);
        await tracker.RefreshAsync(cancellationToken);
        tracker._loop = Task.Run(() => tracker.LoopAsync(tracker._stop.Token), CancellationToken.None);
        return tracker;
    }

    /// <summary>The sweep's book, loaded now if no client had asked for it; null for a sweep the source does not hold.</summary>
    public async Task<SweepBook?> BookAsync(SweepId sweepId, CancellationToken cancellationToken)
    {
        SweepBook? book;
        lock (_lock)
        {
            _books.TryGetValue(sweepId, out book);
            if (book is not null)
            {
                _watched[sweepId] = (DateTimeOffset.UtcNow, _watched[sweepId].Seen);
                return book;
            }
        }

        var status = await _source.StatusAsync(sweepId, cancellationToken);
        if (status is null)
        {
            return null;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_books.TryGetValue(sweepId, out book))
                {
                    return book;
                }
            }

            book = new SweepBook(sweepId, _lastVersions.GetValueOrDefault(sweepId));
            var seen = await RefreshBookAsync(book, status, null, cancellationToken);
            lock (_lock)
            {
                _books[sweepId] = book;
                _watched[sweepId] = (DateTimeOffset.UtcNow, seen);
            }

            return book;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a book while no refresh changes it.</summary>
    public T Read<T>(SweepBook book, Func<SweepBook, T> read)
    {
        lock (_lock)
        {
            return read(book);
        }
    }

    /// <summary>Completes when <see cref="Generation"/> moves past <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForChangeAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (Generation != seen)
            {
                return;
            }

            changed = _changed.Task;
        }

        await Task.WhenAny(changed, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                await RefreshAsync(cancellationToken);
                LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LastError = e.Message;
            }

            // A slow source (a large sweep across the network) is asked less often, never more than a quarter of the time.
            var took = DateTimeOffset.UtcNow - started;
            await Task.Delay(Interval > took * 3 ? Interval : took * 3, cancellationToken);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var statuses = await _source.ListAsync(cancellationToken);
            var activity = await _source.ActivityAsync(cancellationToken);
            var cluster = await _source.ClusterAsync(cancellationToken);
            var changed = false;
            foreach (var status in statuses)
            {
                SweepBook? book;
                (DateTimeOffset LastAsked, Signature Seen) watch;
                lock (_lock)
                {
                    _books.TryGetValue(status.SweepId, out book);
                    watch = _watched.GetValueOrDefault(status.SweepId);
                }

                if (book is null)
                {
                    continue;
                }

                if (DateTimeOffset.UtcNow - watch.LastAsked > WatchFor)
                {
                    lock (_lock)
                    {
                        _lastVersions[status.SweepId] = book.Version;
                        _books.Remove(status.SweepId); // nobody looks: let it go, reload on the next look
                        _watched.Remove(status.SweepId);
                    }

                    continue;
                }

                var before = book.Version;
                var seen = await RefreshBookAsync(book, status, watch.Seen, cancellationToken);
                lock (_lock)
                {
                    _watched[status.SweepId] = (watch.LastAsked, seen);
                }

                changed |= book.Version != before;
            }

            var now = DateTimeOffset.UtcNow;
            IReadOnlyList<SweepSummary> sweeps;
            lock (_lock)
            {
                sweeps = statuses.Select(s => SweepSummary.Of(s, _source.StateOf(s), activity, _books.GetValueOrDefault(s.SweepId)?.Version ?? 0, now)).ToList();
            }

            changed |= !SameProgress(sweeps) || !SameMembers(cluster) || !SameSlots(activity);
            lock (_lock)
            {
                _sweeps = sweeps;
                Activity = activity;
                Cluster = cluster;
                if (changed)
                {
                    Generation++;
                    var signal = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    signal.SetResult();
                }
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Lists trials only when the counts moved, and results only when more trials completed.</summary>
    private async Task<Signature> RefreshBookAsync(SweepBook book, SweepStatus status, Signature? seen, CancellationToken cancellationToken)
    {
        var signature = Signature.Of(status);
        if (seen == signature && status.Running == 0)
        {
            return signature;
        }

        var gridKnown = book.Spec is not null && book.Total == status.Total;
        if (gridKnown && book.CompletedCount != status.Done && !ResultsDue(book, status))
        {
            return seen ?? signature; // merge nothing until the results come: a done trial is never shown without them
        }

        SweepResults? results = null;
        if (!gridKnown || book.CompletedCount != status.Done)
        {
            results = await _source.ResultsAsync(book.SweepId, cancellationToken);
        }

        Dictionary<string, IReadOnlyList<TrialRow>>? listed = null;
        if (seen != signature)
        {
            listed = [];
            listed["failed"] = status.Failed > 0 ? await _source.TrialsAsync(book.SweepId, "failed", cancellationToken) : [];
            if (_source.CanListDone(status.Total))
            {
                listed["done"] = await _source.TrialsAsync(book.SweepId, "done", cancellationToken);
                listed["pending"] = await _source.TrialsAsync(book.SweepId, "pending", cancellationToken);
            }
        }

        // Else only heartbeats moved: the running trials' steps and losses come with the status.
        lock (_lock)
        {
            if (results is not null && (book.Spec is null || book.Total != status.Total))
            {
                book.SetGrid(results.Spec);
            }

            book.Merge(status, listed ?? [], results);
        }

        return signature;
    }

    /// <summary>
    /// Results come in one reply in process, so always when more trials completed. Across the network they come in
    /// pages of 100 (a remoting frame), so a large sweep's are fetched again when 1% more completed, when it ended,
    /// or after 10 s: the curves lag a little and the coordinator is not kept busy paging.
    /// </summary>
    private bool ResultsDue(SweepBook book, SweepStatus status) =>
        _source.CanListDone(status.Total)
        || status.Done - book.CompletedCount >= Math.Max(1, status.Total / 100)
        || status.IsFinished
        || DateTimeOffset.UtcNow - book.ResultsAt > TimeSpan.FromSeconds(10);

    private bool SameProgress(IReadOnlyList<SweepSummary> sweeps)
    {
        lock (_lock)
        {
            return _sweeps.Count == sweeps.Count && _sweeps.Zip(sweeps, (a, b) => a with { ElapsedSeconds = 0, EtaSeconds = 0 } == b with { ElapsedSeconds = 0, EtaSeconds = 0 }).All(same => same);
        }
    }

    private bool SameMembers(ClusterState? cluster) =>
        (Cluster, cluster) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.Leader == b.Leader && a.Coordinator == b.Coordinator && a.Members.SequenceEqual(b.Members, MemberComparer.Instance),
            _ => false,
        };

    private bool SameSlots(ClusterActivity? activity) =>
        (Activity, activity) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.Slots.SequenceEqual(b.Slots),
            _ => false,
        };

    /// <summary>The counts whose change means trial lists are worth fetching again.</summary>
    private readonly record struct Signature(int Total, int Done, int Failed, int Running, int Pending, Core.Sweeps.SweepPhase Phase)
    {
        public static Signature Of(SweepStatus s) => new(s.Total, s.Done, s.Failed, s.Running, s.Pending, s.Phase);
    }

    private sealed class MemberComparer : IEqualityComparer<ClusterMember>
    {
        public static readonly MemberComparer Instance = new();

        public bool Equals(ClusterMember? x, ClusterMember? y) =>
            x is not null && y is not null && x.Address == y.Address && x.Status == y.Status && x.Reachable == y.Reachable && x.Roles.SequenceEqual(y.Roles);

        public int GetHashCode(ClusterMember obj) => obj.Address.GetHashCode(StringComparison.Ordinal);
    }
}
