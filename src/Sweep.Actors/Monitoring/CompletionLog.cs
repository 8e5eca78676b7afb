using Sweep.Core.Trials;

namespace Sweep.Actors.Monitoring;

/// <summary>
/// The coordinator's memory of recent completions (not persisted; it starts empty when the coordinator starts or
/// moves): which slot finished which trial of which sweep, and when, over a sliding window. A re-sent report of a
/// trial already in the window counts once. The clock comes in as an argument.
/// </summary>
public sealed class CompletionLog(TimeSpan window, DateTimeOffset startedAt)
{
    private readonly Queue<(DateTimeOffset At, SweepId Sweep, TrialId Trial, string Slot)> _entries = new();
    private readonly HashSet<(SweepId, TrialId)> _seen = [];

    public void Record(SweepId sweep, TrialId trial, string slot, DateTimeOffset now)
    {
        Prune(now);
        if (_seen.Add((sweep, trial)))
        {
            _entries.Enqueue((now, sweep, trial, slot));
        }
    }

    /// <summary>The window actually observed: shorter than the full one while the coordinator is young.</summary>
    public TimeSpan Observed(DateTimeOffset now) => TimeSpan.FromTicks(Math.Clamp((now - startedAt).Ticks, 1, window.Ticks));

    public IReadOnlyDictionary<string, int> BySlot(DateTimeOffset now)
    {
        Prune(now);
        return _entries.GroupBy(e => e.Slot).ToDictionary(g => g.Key, g => g.Count());
    }

    public IReadOnlyDictionary<SweepId, int> BySweep(DateTimeOffset now)
    {
        Prune(now);
        return _entries.GroupBy(e => e.Sweep).ToDictionary(g => g.Key, g => g.Count());
    }

    private void Prune(DateTimeOffset now)
    {
        while (_entries.Count > 0 && now - _entries.Peek().At > window)
        {
            var old = _entries.Dequeue();
            _seen.Remove((old.Sweep, old.Trial));
        }
    }
}
