using Sweep.Core.Sweeps;
using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Monitoring;
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
        var pace = new Pace(coordinator);
        var first = await PollAsync(coordinator, sweepId, cancellationToken);
        if (!console.Profile.Capabilities.Interactive)
        {
            return await FollowAsLines(console, coordinator, first, pace, cancellationToken);
        }

        SweepStatus last = first;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(last, await pace.ReadAsync([last], cancellationToken)), maxValue: Math.Max(1, last.Total));
                while (true)
                {
                    bar.MaxValue = Math.Max(1, last.Total);
                    bar.Value = last.Done + last.Failed;
                    bar.Description = Describe(last, await pace.ReadAsync([last], cancellationToken));
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

    /// <summary>"12/16 done · 2 running · 0 failed · ETA 1m 20s", the ETA by <see cref="SweepRate"/>, as <c>sweep status</c> gives it.</summary>
    public static string Describe(SweepStatus s, ClusterActivity? activity)
    {
        var eta = SweepRate.EtaSeconds(s, activity, DateTimeOffset.UtcNow);
        var text = $"{s.Name}: {s.Done}/{s.Total} done · {s.Running} running · {s.Failed} failed";
        return Markup.Escape(eta is null ? text : $"{text} · ETA {Format(TimeSpan.FromSeconds(eta.Value))}");
    }

    /// <summary>
    /// The coordinator's activity (recent completions per sweep). It reads every ledger, so it is asked again only
    /// when the statuses show more finished trials than at the last ask (a stale count beside a fresh one would skew
    /// the ETA), or every <see cref="Every"/>. Null when the coordinator does not answer in time.
    /// </summary>
    public sealed class Pace(IActorRef coordinator)
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private DateTimeOffset _askedAt = DateTimeOffset.MinValue;
        private long _finishedAtAsk = -1;
        private ClusterActivity? _last;

        /// <param name="statuses">The statuses the activity goes beside.</param>
        public async Task<ClusterActivity?> ReadAsync(IEnumerable<SweepStatus> statuses, CancellationToken cancellationToken)
        {
            var finished = statuses.Sum(s => (long)s.Done + s.Failed);
            if (finished == _finishedAtAsk && DateTimeOffset.UtcNow - _askedAt < Every)
            {
                return _last;
            }

            (_askedAt, _finishedAtAsk) = (DateTimeOffset.UtcNow, finished);
            try
            {
                _last = await coordinator.Ask<ISweepWire>(new GetActivity(), TimeSpan.FromSeconds(5), cancellationToken) as ClusterActivity ?? _last;
            }
            catch (AskTimeoutException)
            {
                // Keep the last pace; the progress line goes on without a fresh one.
            }

            return _last;
        }
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds}s" : $"{t.Seconds}s";

    private static async Task<SweepStatus> FollowAsLines(IAnsiConsole console, IActorRef coordinator, SweepStatus status, Pace pace, CancellationToken cancellationToken)
    {
        var lastLine = "";
        while (true)
        {
            var line = Describe(status, await pace.ReadAsync([status], cancellationToken));
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
