using Sweep.Actors.Protocol;
using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Dashboard.Model;

/// <summary>
/// What the dashboard knows of one sweep: every grid point as a <see cref="TrialView"/> in grid order, each stamped
/// with the version at which it last changed, the completed results and the curves folded from them. Fed by
/// <see cref="Merge"/> from the coordinator's replies; read by the API. A client that has seen version v gets only the
/// trials changed since (<see cref="After"/>), so a 100,000-trial sweep costs a full listing once and small deltas
/// afterwards. Not thread-safe by itself: <see cref="SweepTracker"/> merges and reads under its lock.
/// </summary>
/// <param name="startVersion">Versions continue from here: a book reloaded after nobody looked keeps counting up, so an old cursor stays valid.</param>
public sealed class SweepBook(SweepId sweepId, long startVersion = 0)
{
    private readonly Dictionary<TrialId, TrialResult> _completed = [];
    private TrialConfig[] _grid = [];
    private Dictionary<TrialId, int> _indexOf = [];
    private IReadOnlyDictionary<string, string>[] _axes = [];
    private TrialView[] _rows = [];

    public SweepId SweepId { get; } = sweepId;

    public SweepSpec? Spec { get; private set; }

    public IReadOnlyList<string> AxisNames { get; private set; } = [];

    public SweepStatus? Status { get; private set; }

    /// <summary>The last change to any trial (0: none seen yet).</summary>
    public long Version { get; private set; } = startVersion;

    /// <summary>Trials completed as of the results last merged.</summary>
    public int CompletedCount => _completed.Count;

    public IReadOnlyList<CurvePoint> Curves { get; private set; } = [];

    public IReadOnlyList<Core.Bounds.MiGroupEstimate> MiEstimates { get; private set; } = [];

    /// <summary>The full-training baseline of each series that has completed baseline trials, and its d_int90.</summary>
    public IReadOnlyList<BaselinePoint> Baselines { get; private set; } = [];

    public IReadOnlyList<DInt90> DInt90s { get; private set; } = [];

    public int Total => _rows.Length;

    /// <summary>Every trial's current view, in grid order.</summary>
    public IReadOnlyList<TrialView> Rows => _rows;

    /// <summary>When results were last merged (to pace the refetching of a large sweep's results across the network).</summary>
    public DateTimeOffset ResultsAt { get; private set; }

    /// <summary>Sets the grid from the spec (again after an extension); trials already known keep their views.</summary>
    public void SetGrid(SweepSpec spec)
    {
        Spec = spec;
        AxisNames = TrialAxes.Names(spec);
        _grid = [.. SweepGrid.Expand(spec)];
        _indexOf = _grid.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _axes = [.. _grid.Select(c => TrialAxes.Of(spec, c))];
        var old = _rows.ToDictionary(r => r.TrialId);
        // New grid points are a change too: a client that asks after its cursor gets them.
        var next = Version + 1;
        _rows = [.. _grid.Select((c, i) => old.TryGetValue(c.Id.Value, out var kept) ? kept with { Index = i } : Pending(i) with { Version = next })];
        Version = _rows.Length > old.Count ? next : Version;
    }

    /// <param name="status">The sweep's status now: its running trials and their heartbeats.</param>
    /// <param name="listed">Trial rows by state as the coordinator listed them (failed always; done and pending where the transport allows).</param>
    /// <param name="results">The completed results when they were fetched this time, else null (kept from before).</param>
    public void Merge(SweepStatus status, IReadOnlyDictionary<string, IReadOnlyList<TrialRow>> listed, SweepResults? results)
    {
        Status = status;
        if (results is not null)
        {
            ResultsAt = DateTimeOffset.UtcNow;
            _completed.Clear();
            foreach (var r in results.Completed)
            {
                _completed[r.Config.Id] = r;
            }

            Curves = _completed.Count == 0 ? [] : MiBoundCurves.Attach(BoundCurves.For(_completed.Values), results.MiEstimates ?? []);
            Baselines = IntrinsicDimension90.Baselines(_completed.Values);
            DInt90s = IntrinsicDimension90.Of(Curves, Baselines);
            MiEstimates = results.MiEstimates ?? [];
        }

        var rowsById = new Dictionary<TrialId, (string State, TrialRow Row)>();
        foreach (var (state, rows) in listed)
        {
            foreach (var row in rows)
            {
                rowsById[row.TrialId] = (state, row);
            }
        }

        var running = status.RunningTrials.ToDictionary(t => t.TrialId);
        var states = listed.Keys.ToHashSet();
        var next = Version + 1;
        for (var i = 0; i < _rows.Length; i++)
        {
            var view = Next(i, _rows[i], rowsById, running, states);
            if (!view.SameAs(_rows[i]))
            {
                _rows[i] = view with { Version = next };
                Version = next;
            }
        }
    }

    /// <summary>Grid indexes below this fit in a cursor's low bits (a sweep holds at most 100,000 trials).</summary>
    private const int IndexBits = 20;

    /// <summary>
    /// The trials changed since the cursor <paramref name="after"/> (0: all), oldest change first and in grid order
    /// within a change, optionally in one state, at most <paramref name="limit"/>. A cursor is (version, grid index)
    /// packed as version·2^20 + index: everything before that pair has been seen. So a page may end inside one version
    /// (a journal read at once gives every row the same version, and 100,000 rows still come in pages).
    /// </summary>
    /// <returns>The rows, the cursor to ask after next, and whether rows were left out.</returns>
    public (IReadOnlyList<TrialView> Rows, long Cursor, bool More) After(long after, string? state, int limit)
    {
        var (version, index) = (after >> IndexBits, (int)(after & ((1L << IndexBits) - 1)));
        var changed = _rows
            .Where(r => (r.Version > version || (r.Version == version && r.Index >= index)) && (state is null || r.State == state))
            .OrderBy(r => r.Version).ThenBy(r => r.Index)
            .Take(limit + 1)
            .ToList();
        if (changed.Count <= limit)
        {
            return (changed, (Version + 1) << IndexBits, false); // everything up to the book's version seen
        }

        var page = changed.Take(limit).ToList();
        return (page, (page[^1].Version << IndexBits) + page[^1].Index + 1, true);
    }

    public TrialView? Find(string trialId) =>
        _indexOf.TryGetValue(new TrialId(trialId), out var i) ? _rows[i] : null;

    public TrialConfig? ConfigOf(string trialId) =>
        _indexOf.TryGetValue(new TrialId(trialId), out var i) ? _grid[i] : null;

    public TrialResult? ResultOf(string trialId) => _completed.GetValueOrDefault(new TrialId(trialId));

    public IReadOnlyDictionary<string, int> CountByState() =>
        _rows.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());

    private TrialView Pending(int i)
    {
        var c = _grid[i];
        return new TrialView(c.Id.Value, i, "pending", c.IntrinsicDimension, c.Seed, Point(i), _axes[i], null, 0, null, null, 0, 0, null, null, null, null, null, null, null);
    }

    private string Point(int i) => string.Join(' ', _axes[i].Select(a => a.Key + "=" + a.Value));

    private TrialView Next(
        int i,
        TrialView before,
        Dictionary<TrialId, (string State, TrialRow Row)> listed,
        Dictionary<TrialId, RunningTrial> running,
        IReadOnlySet<string> listedStates)
    {
        var id = _grid[i].Id;
        if (_completed.TryGetValue(id, out var result))
        {
            listed.TryGetValue(id, out var done);
            var m = result.Metrics;
            return before with
            {
                State = "done",
                Node = done.Row?.Node ?? before.Node,
                Attempt = done.Row?.Attempt ?? before.Attempt,
                StartedAt = done.Row?.StartedAt ?? before.StartedAt,
                ElapsedSeconds = m.Seconds,
                Step = m.Steps,
                TotalSteps = m.Steps,
                Loss = Finite(m.TrainLoss),
                Error = null,
                TrainError = m.TrainError,
                TestError = m.TestError,
                Gap = result.Gap,
                Bound = Finite(result.QuantizationBoundValue),
                TestErrorBound = Finite(result.TestErrorBound),
            };
        }

        if (running.TryGetValue(id, out var run))
        {
            return before with
            {
                State = "running", Node = run.Node, Attempt = run.Attempt, StartedAt = run.StartedAt, ElapsedSeconds = null,
                Step = run.Step, TotalSteps = run.TotalSteps, Loss = Finite(run.Loss), TrainError = null, TestError = null, Gap = null, Bound = null, TestErrorBound = null,
            };
        }

        if (listed.TryGetValue(id, out var entry) && entry.State is "failed" or "pending" or "running")
        {
            var r = entry.Row;
            return before with
            {
                State = entry.State, Node = r.Node ?? before.Node, Attempt = r.Attempt, StartedAt = r.StartedAt ?? before.StartedAt,
                ElapsedSeconds = r.Seconds, Step = r.Step, TotalSteps = r.TotalSteps, Loss = Finite(r.Loss), Error = r.Error,
                TrainError = null, TestError = null, Gap = null, Bound = null, TestErrorBound = null,
            };
        }

        if (before.State == "failed" && !listedStates.Contains("failed"))
        {
            return before; // failed trials were not listed this time (only heartbeats moved)
        }

        // Pending (again): the previous attempt's node, attempt and error stay shown.
        return before with
        {
            State = "pending", ElapsedSeconds = null, Step = 0, TotalSteps = 0, Loss = null,
            TrainError = null, TestError = null, Gap = null, Bound = null, TestErrorBound = null,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
