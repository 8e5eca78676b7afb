using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;

namespace Sweep.Dashboard.Model;

/// <summary>
/// One sweep on the sweeps page: the fields of <c>sweep status --json</c> (sweep_id, name, state, total, done,
/// running, pending, failed, elapsed_seconds, eta_seconds, per_minute) and <c>sweep list --json</c> (submitted_at),
/// with the phase and the dashboard's change counter for its trials.
/// </summary>
public sealed record SweepSummary(
    string SweepId,
    string Name,
    string State,
    string Phase,
    int Total,
    int Done,
    int Running,
    int Pending,
    int Failed,
    DateTimeOffset SubmittedAt,
    double ElapsedSeconds,
    double? EtaSeconds,
    double PerMinute,
    long Version)
{
    /// <summary>The rate is the sweep's completions over the coordinator's recent window; the ETA the remaining trials at that rate (none while paused, or without recent completions).</summary>
    public static SweepSummary Of(SweepStatus s, string state, ClusterActivity? activity, long version, DateTimeOffset now)
    {
        var recent = activity?.Sweeps.FirstOrDefault(a => a.SweepId == s.SweepId)?.RecentDone ?? 0;
        var perMinute = activity is null ? 0 : recent / (Math.Max(activity.WindowSeconds, 1) / 60);
        var remaining = s.Total - s.Done - s.Failed;
        double? eta = s.IsFinished ? 0 : s.Phase == SweepPhase.Active && perMinute > 0 ? remaining / perMinute * 60 : null;
        return new SweepSummary(
            s.SweepId.Value, s.Name, state, s.Phase.ToString(), s.Total, s.Done, s.Running, s.Pending, s.Failed, s.SubmittedAt,
            Math.Max(0, (now - s.SubmittedAt).TotalSeconds), eta, Math.Round(perMinute, 2), version);
    }
}
