using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;

namespace Sweep.Actors.Serialization;

/// <summary>
/// The closed list of types that may cross the wire or enter the journal, each under a fixed short name. The name is
/// the manifest: renaming a C# type never breaks an old journal, and no arbitrary type name is ever read from the wire.
/// </summary>
public static class WireTypes
{
    private static readonly (string Name, Type Type)[] All =
    [
        ("sweep-submitted", typeof(SweepSubmitted)),
        ("trial-started", typeof(TrialStarted)),
        ("trial-completed", typeof(TrialCompleted)),
        ("trial-failed", typeof(TrialFailed)),
        ("trial-requeued", typeof(TrialRequeued)),
        ("sweep-paused", typeof(SweepPaused)),
        ("sweep-resumed", typeof(SweepResumed)),
        ("sweep-cancelled", typeof(SweepCancelled)),
        ("sweep-extended", typeof(SweepExtended)),
        ("request-work", typeof(RequestWork)),
        ("trial-heartbeat", typeof(TrialHeartbeat)),
        ("report-trial-completed", typeof(ReportTrialCompleted)),
        ("report-trial-failed", typeof(ReportTrialFailed)),
        ("decline-trial", typeof(DeclineTrial)),
        ("trial-assigned", typeof(TrialAssigned)),
        ("trial-report-accepted", typeof(TrialReportAccepted)),
        ("submit-sweep", typeof(SubmitSweep)),
        ("sweep-accepted", typeof(SweepAccepted)),
        ("sweep-rejected", typeof(SweepRejected)),
        ("get-sweep-status", typeof(GetSweepStatus)),
        ("get-sweep-results", typeof(GetSweepResults)),
        ("sweep-results", typeof(SweepResults)),
        ("sweep-status", typeof(SweepStatus)),
        ("sweep-snapshot", typeof(Persistence.SweepSnapshot)),
        ("sweep-registered", typeof(SweepRegistered)),
        ("resume-sweep", typeof(ResumeSweep)),
        ("extend-sweep", typeof(ExtendSweep)),
        ("pause-sweep", typeof(PauseSweep)),
        ("cancel-sweep", typeof(CancelSweep)),
        ("list-sweeps", typeof(ListSweeps)),
        ("sweep-list", typeof(SweepList)),
        ("write-sweep-results", typeof(WriteSweepResults)),
        ("sweep-results-written", typeof(SweepResultsWritten)),
        ("sweep-unknown", typeof(SweepUnknown)),
        ("group-estimated", typeof(GroupEstimated)),
        ("group-estimation-failed", typeof(GroupEstimationFailed)),
        ("estimate-mi-group", typeof(EstimateMiGroup)),
        ("mi-group-estimated", typeof(MiGroupEstimated)),
        ("mi-group-estimation-failed", typeof(MiGroupEstimationFailed)),
        ("topology-group-estimated", typeof(TopologyGroupEstimated)),
        ("topology-group-estimation-failed", typeof(TopologyGroupEstimationFailed)),
        ("estimate-topology-group", typeof(EstimateTopologyGroup)),
        ("topology-group-computed", typeof(TopologyGroupComputed)),
        ("topology-group-computation-failed", typeof(TopologyGroupComputationFailed)),
        ("get-cluster-state", typeof(GetClusterState)),
        ("cluster-state", typeof(ClusterState)),
        ("leave-member", typeof(LeaveMember)),
        ("down-member", typeof(DownMember)),
        ("down-unreachable", typeof(DownUnreachable)),
        ("membership-changed", typeof(MembershipChanged)),
        ("membership-refused", typeof(MembershipRefused)),
        ("get-sweep-trials", typeof(GetSweepTrials)),
        ("sweep-trials", typeof(SweepTrials)),
        ("get-activity", typeof(GetActivity)),
        ("cluster-activity", typeof(ClusterActivity)),
    ];

    public static readonly IReadOnlyDictionary<string, Type> ByName = All.ToDictionary(x => x.Name, x => x.Type);

    public static readonly IReadOnlyDictionary<Type, string> NameOf = All.ToDictionary(x => x.Type, x => x.Name);
}
