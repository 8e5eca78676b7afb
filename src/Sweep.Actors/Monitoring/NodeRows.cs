using Sweep.Actors.Protocol;

namespace Sweep.Actors.Monitoring;

/// <summary>Trainer slots "host:port/device#i" grouped by node "host:port", devices as "cpu ×2": the rows of <c>sweep nodes</c> and of the dashboard's cluster page.</summary>
public static class NodeRows
{
    public sealed record NodeRow(string Node, bool Up, int Slots, int Busy, IReadOnlyList<string> Devices, int Done, int RecentDone, double PerMinute);

    public static IReadOnlyList<NodeRow> Of(ClusterActivity activity)
    {
        var minutes = Math.Max(activity.WindowSeconds, 1) / 60;
        return activity.Slots
            .GroupBy(s => s.Slot.Split('/')[0])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var live = g.Where(s => s.Registered).ToList();
                var devices = (live.Count > 0 ? live : g.ToList())
                    .GroupBy(s => DeviceOf(s.Slot))
                    .Select(d => d.Count() > 1 ? $"{d.Key} ×{d.Count()}" : d.Key)
                    .ToList();
                var recent = g.Sum(s => s.RecentDone);
                return new NodeRow(g.Key, live.Count > 0, live.Count, g.Sum(s => s.Busy), devices, g.Sum(s => s.Done), recent, Math.Round(recent / minutes, 2));
            })
            .ToList();
    }

    private static string DeviceOf(string slot)
    {
        var device = slot.Contains('/') ? slot[(slot.IndexOf('/') + 1)..] : slot;
        return device.Contains('#') ? device[..device.IndexOf('#')] : device;
    }
}
