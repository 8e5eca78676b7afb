using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;

namespace Sweep.Actors.Monitoring;

/// <summary>
/// A sweep's pace as <c>sweep status</c> shows it: its completions per minute over the coordinator's recent window
/// (<see cref="ClusterActivity"/>), and the ETA of its remaining trials at that pace. Pure.
/// </summary>
public static class SweepRate
{
    /// <summary>Completions per minute over the observed window; 0 without an activity reply.</summary>
    public static double PerMinute(SweepStatus status, ClusterActivity? activity)
    {
        if (activity is null)
        {
            return 0;
        }

        var recent = activity.Sweeps.FirstOrDefault(a => a.SweepId == status.SweepId)?.RecentDone ?? 0;
        return recent / (Math.Max(activity.WindowSeconds, 1) / 60);
    }

    /// <summary>The remaining trials at the recent pace: zero once the sweep ended; none while paused or without recent completions.</summary>
    public static double? EtaSeconds(SweepStatus status, ClusterActivity? activity)
    {
        if (status.IsFinished)
        {
            return 0;
        }

        var perMinute = PerMinute(status, activity);
        var remaining = status.Total - status.Done - status.Failed;
        return status.Phase == SweepPhase.Active && perMinute > 0 ? remaining / perMinute * 60 : null;
    }
}
