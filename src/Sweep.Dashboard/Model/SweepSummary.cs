using Sweep.Actors.Monitoring;
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
    /// <summary>The rate and the ETA by the one rule of <see cref="SweepRate"/>, as <c>sweep status</c> shows them.</summary>
    public static SweepSummary Of(SweepStatus s, string state, ClusterActivity? activity, long version, DateTimeOffset now)
    {
        var perMinute = SweepRate.PerMinute(s, activity, now);
        var eta = SweepRate.EtaSeconds(s, activity, now);
        return new SweepSummary(
            s.SweepId.Value, s.Name, state, s.Phase.ToString(), s.Total, s.Done, s.Running, s.Pending, s.Failed, s.SubmittedAt,
            Math.Max(0, (now - s.SubmittedAt).TotalSeconds), eta, Math.Round(perMinute, 2), version);
    }
}
