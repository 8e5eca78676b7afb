using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;

namespace Sweep.Actors.Monitoring;

/// <summary>
/// A sweep's pace as <c>sweep status</c> shows it: its completions per minute over the coordinator's recent window
/// (<see cref="ClusterActivity"/>), and the ETA of its remaining trials at that pace. Pure. This is the one ETA rule:
/// <c>sweep status</c>, the progress line of <c>sweep run</c> (embedded or <c>--cluster</c>), <c>status --watch</c>
/// and the dashboard all use it.
/// </summary>
public static class SweepRate
{
    /// <summary>
    /// Completions per minute over the observed window; 0 without an activity reply. Given <paramref name="now"/>, a
    /// sweep that began running inside the window (submitted, recovered, resumed after a pause, extended:
    /// <see cref="SweepStatus.ActiveSince"/>) is measured since then, not over minutes in which it could not run.
    /// </summary>
    public static double PerMinute(SweepStatus status, ClusterActivity? activity, DateTimeOffset? now = null)
    {
        if (activity is null)
        {
            return 0;
        }

        var recent = activity.Sweeps.FirstOrDefault(a => a.SweepId == status.SweepId)?.RecentDone ?? 0;
        var window = activity.WindowSeconds;
        if (now is { } at)
        {
            window = Math.Min(window, (at - (status.ActiveSince ?? status.SubmittedAt)).TotalSeconds);
        }

        return recent / (Math.Max(window, 1) / 60);
    }

    /// <summary>The remaining trials at the recent pace: zero once the sweep ended; none while paused or without recent completions.</summary>
    public static double? EtaSeconds(SweepStatus status, ClusterActivity? activity, DateTimeOffset? now = null)
    {
        if (status.IsFinished)
        {
            return 0;
        }

        var perMinute = PerMinute(status, activity, now);
        var remaining = status.Total - status.Done - status.Failed;
        return status.Phase == SweepPhase.Active && perMinute > 0 ? remaining / perMinute * 60 : null;
    }
}
