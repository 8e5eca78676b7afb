using Sweep.Actors.Protocol;
using Sweep.Reporting;

namespace Sweep.Actors.Aggregation;

/// <summary>
/// The one way to a <see cref="SweepReport"/>: from a sweep's <see cref="SweepResults"/> (every page), which the
/// aggregator projects from the ledger's state and a client fetches from the coordinator. So a results folder holds
/// the same files, MI bound included, whichever process writes it.
/// </summary>
public static class SweepReports
{
    public static SweepReport From(SweepResults results) =>
        new(results.SweepId.Value, results.Spec.Name, results.SpecHash, results.Spec.Bound.Sigma, results.Total, results.Completed, results.Failed)
        {
            Mi = results.Spec.Mi,
            MiEstimates = results.MiEstimates ?? [],
            MiFailures = results.MiFailures ?? new Dictionary<string, string>(),
            Topology = results.Spec.Topology,
            TopologyEstimates = results.TopologyEstimates ?? [],
            TopologyFailures = results.TopologyFailures ?? new Dictionary<string, string>(),
        };
}
