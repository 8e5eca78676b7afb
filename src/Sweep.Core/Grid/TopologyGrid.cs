using System.Security.Cryptography;
using System.Text;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Core.Grid;

/// <summary>
/// One topology group: trials whose first-layer filters are pooled. Per grid point, <see cref="D"/> is the trials' d
/// (0 for the full-training baseline, <see cref="Projection"/> none) and <see cref="Series"/> their other settings;
/// for the whole sweep, <see cref="D"/> is −1 and <see cref="Projection"/> and <see cref="Series"/> are "all".
/// </summary>
public sealed record TopologyGroup(string GroupId, int D, string Projection, string Series, IReadOnlyList<TrialId> Members)
{
    public bool IsBaseline => Projection == "none";

    /// <summary>How the outputs name the group: "full training", "d=40", or "whole sweep".</summary>
    public string Label => D < 0 ? "whole sweep" : IsBaseline ? "full training" : $"d={D}";
}

/// <summary>The topology groups of a spec with a <c>topology:</c> block (<see cref="TopologySpec.GroupBy"/>).</summary>
public static class TopologyGrid
{
    public static string GroupIdOf(TrialConfig trial, TopologySpec topology) =>
        Id(topology.GroupBy == TopologyGroupBy.Sweep ? "all" : $"d={trial.IntrinsicDimension};projection={Kind(trial)};{BoundCurves.SeriesOf(trial)}");

    /// <summary>The groups of <paramref name="trials"/> (in the order their first member appears), members in trial order.</summary>
    public static IReadOnlyList<TopologyGroup> Groups(IEnumerable<TrialConfig> trials, TopologySpec topology) =>
        trials
            .GroupBy(t => GroupIdOf(t, topology))
            .Select(g => topology.GroupBy == TopologyGroupBy.Sweep
                ? new TopologyGroup(g.Key, -1, "all", "all", g.Select(t => t.Id).ToList())
                : new TopologyGroup(g.Key, g.First().IntrinsicDimension, Kind(g.First()), BoundCurves.SeriesOf(g.First()), g.Select(t => t.Id).ToList()))
            .ToList();

    private static string Kind(TrialConfig trial) => trial.Projection.Kind.ToString().ToLowerInvariant();

    private static string Id(string canonical) =>
        "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 6));
}
