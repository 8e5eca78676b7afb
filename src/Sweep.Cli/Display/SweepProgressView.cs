using Sweep.Core.Sweeps;
using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Cli.Display;

/// <summary>
/// Follows a sweep by polling its status, until it is finished, cancelled, or paused with nothing running: a live Spectre progress bar on a
/// terminal (done, running, failed, ETA), one line per change otherwise (logs, CI).
/// </summary>
public static class SweepProgressView
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    public static async Task<SweepStatus> FollowAsync(IAnsiConsole console, IActorRef coordinator, SweepId sweepId, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var first = await PollAsync(coordinator, sweepId, cancellationToken);
        var doneAtStart = first.Done;
        if (!console.Profile.Capabilities.Interactive)
        {
            return await FollowAsLines(console, coordinator, first, started, doneAtStart, cancellationToken);
        }

        SweepStatus last = first;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(last, started, doneAtStart), maxValue: Math.Max(1, last.Total));
                while (true)
                {
                    bar.MaxValue = Math.Max(1, last.Total);
                    bar.Value = last.Done + last.Failed;
                    bar.Description = Describe(last, started, doneAtStart);
                    if (Ends(last))
                    {
                        break;
                    }

                    await Task.Delay(PollEvery, cancellationToken);
                    last = await PollAsync(coordinator, sweepId, cancellationToken);
                }

                bar.StopTask();
            });
        return last;
    }

    /// <summary>Following ends when the sweep is finished or cancelled, or paused with nothing left running (it waits for a resume).</summary>
    public static bool Ends(SweepStatus s) => s.IsFinished || (s.Phase == SweepPhase.Paused && s.Running == 0);

    /// <summary>How long the coordinator may stay silent (moving, restarting on another node) before following gives up.</summary>
    public static readonly TimeSpan SilenceLimit = TimeSpan.FromMinutes(5);

    public static async Task<SweepStatus> PollAsync(IActorRef coordinator, SweepId sweepId, CancellationToken cancellationToken)
    {
        var silentSince = DateTime.UtcNow;
        ISweepWire reply;
        while (true)
        {
            try
            {
                reply = await coordinator.Ask<ISweepWire>(new GetSweepStatus(sweepId), TimeSpan.FromSeconds(10), cancellationToken);
                break;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow - silentSince < SilenceLimit)
            {
                // A coordinator that restarts recovers the sweep from its journal; keep asking.
            }
        }

        return reply switch
        {
            SweepStatus status => status,
            SweepRejected rejected => throw new InvalidOperationException(rejected.Reason),
            _ => throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name}."),
        };
    }

    /// <summary>"12/16 done · 2 running · 0 failed · ETA 1m 20s".</summary>
    public static string Describe(SweepStatus s, DateTimeOffset started, int doneAtStart)
    {
        var eta = Eta(s, started, doneAtStart);
        var text = $"{s.Name}: {s.Done}/{s.Total} done · {s.Running} running · {s.Failed} failed";
        return Markup.Escape(eta is null ? text : $"{text} · ETA {Format(eta.Value)}");
    }

    /// <summary>From the trials finished in this session: elapsed / finished × remaining.</summary>
    public static TimeSpan? Eta(SweepStatus s, DateTimeOffset started, int doneAtStart)
    {
        var finishedHere = s.Done - doneAtStart;
        var remaining = s.Total - s.Done - s.Failed;
        if (finishedHere <= 0 || remaining <= 0)
        {
            return remaining <= 0 ? TimeSpan.Zero : null;
        }

        return (DateTimeOffset.UtcNow - started) / finishedHere * remaining;
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds}s" : $"{t.Seconds}s";

    private static async Task<SweepStatus> FollowAsLines(IAnsiConsole console, IActorRef coordinator, SweepStatus status, DateTimeOffset started, int doneAtStart, CancellationToken cancellationToken)
    {
        var lastLine = "";
        while (true)
        {
            var line = Describe(status, started, doneAtStart);
            var key = $"{status.Done}/{status.Failed}/{status.Running}";
            if (key != lastLine)
            {
                lastLine = key;
                console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {line}");
            }

            if (Ends(status))
            {
                return status;
            }

            await Task.Delay(PollEvery, cancellationToken);
            status = await PollAsync(coordinator, status.SweepId, cancellationToken);
        }
    }
}
