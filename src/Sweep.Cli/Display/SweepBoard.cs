using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Cli.Display;

/// <summary>
/// <c>sweep status --watch</c>: one live progress bar per sweep (done, running, failed, ETA; see
/// <see cref="SweepProgressView"/>), polled through the cluster until every watched sweep has ended, or Ctrl-C.
/// Without a terminal, one line per change.
/// </summary>
public static class SweepBoard
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<SweepStatus>> WatchAsync(IAnsiConsole console, IActorRef coordinator, IReadOnlyList<SweepId> sweeps, CancellationToken cancellationToken)
    {
        var pace = new SweepProgressView.Pace(coordinator);
        var last = await PollAllAsync(coordinator, sweeps, cancellationToken);
        if (!console.Profile.Capabilities.Interactive)
        {
            var lines = new Dictionary<SweepId, string>();
            while (true)
            {
                var activity = await pace.ReadAsync(last, cancellationToken);
                foreach (var s in last)
                {
                    var key = $"{s.Phase}/{s.Done}/{s.Failed}/{s.Running}";
                    if (lines.GetValueOrDefault(s.SweepId) != key)
                    {
                        lines[s.SweepId] = key;
                        console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(s.SweepId.Value)} {Describe(s, activity)}");
                    }
                }

                if (last.All(s => s.IsFinished))
                {
                    return last;
                }

                await Task.Delay(PollEvery, cancellationToken);
                last = await PollAllAsync(coordinator, sweeps, cancellationToken);
            }
        }

        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var first = await pace.ReadAsync(last, cancellationToken);
                var bars = last.ToDictionary(s => s.SweepId, s => context.AddTask(Describe(s, first), maxValue: Math.Max(1, s.Total)));
                while (true)
                {
                    var activity = await pace.ReadAsync(last, cancellationToken);
                    foreach (var s in last)
                    {
                        var bar = bars[s.SweepId];
                        bar.MaxValue = Math.Max(1, s.Total);
                        bar.Value = s.Done + s.Failed;
                        bar.Description = Describe(s, activity);
                        if (s.IsFinished && !bar.IsFinished)
                        {
                            bar.StopTask();
                        }
                    }

                    if (last.All(s => s.IsFinished))
                    {
                        break;
                    }

                    await Task.Delay(PollEvery, cancellationToken);
                    last = await PollAllAsync(coordinator, sweeps, cancellationToken);
                }
            });
        return last;
    }

    private static string Describe(SweepStatus s, ClusterActivity? activity) =>
        s.Phase == SweepPhase.Active ? SweepProgressView.Describe(s, activity) : SweepProgressView.Describe(s, activity) + " · " + s.Phase.ToString().ToLowerInvariant();

    private static async Task<IReadOnlyList<SweepStatus>> PollAllAsync(IActorRef coordinator, IReadOnlyList<SweepId> sweeps, CancellationToken cancellationToken) =>
        await Task.WhenAll(sweeps.Select(id => SweepProgressView.PollAsync(coordinator, id, cancellationToken)));
}
