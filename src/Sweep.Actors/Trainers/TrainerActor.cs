using Akka.Actor;
using Akka.Event;
using Sweep.Actors.Protocol;

namespace Sweep.Actors.Trainers;

/// <summary>
/// One trainer per device slot. Pulls work from the coordinator, trains on a dedicated thread (never in the
/// mailbox), sends heartbeats, and re-sends its report until the coordinator says it is durable.
/// </summary>
public sealed class TrainerActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ReportRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RequestRetry = TimeSpan.FromSeconds(10);

    /// <summary>How often a slot holding a trial says so without progress (a quarter of the ledger's 2-minute lease).</summary>
    private static readonly TimeSpan AliveEvery = TimeSpan.FromSeconds(30);

    private TrialProgressTick _lastTick;

    private readonly IActorRef _coordinator;
    private readonly ITrialExecutor _executor;
    private readonly string _slot;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private CancellationTokenSource? _cancellation;

    public TrainerActor(IActorRef coordinator, ITrialExecutor executor, string slot)
    {
        _coordinator = coordinator;
        _executor = executor;
        _slot = slot;
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef coordinator, ITrialExecutor executor, string slot) =>
        Akka.Actor.Props.Create(() => new TrainerActor(coordinator, executor, slot));

    protected override void PreStart() => RequestWork();

    protected override void PostStop()
    {
        _cancellation?.Cancel();
        _cancellation?.Dispose();
    }

    private void RequestWork()
    {
        _coordinator.Tell(new RequestWork(_slot));
        // If the coordinator lost the request (it moved, or restarted), ask again.
        Timers.StartSingleTimer("request", new RetryRequest(), RequestRetry);
    }

    private void Idle()
    {
        Receive<TrialAssigned>(Start);
        Receive<RetryRequest>(_ => RequestWork());
        Receive<TrialReportAccepted>(_ => { });
    }

    private void Start(TrialAssigned assignment)
    {
        Timers.Cancel("request");
        _cancellation = new CancellationTokenSource();
        var token = _cancellation.Token;
        var self = Self;
        var heartbeatEvery = TimeSpan.FromSeconds(1);
        var lastBeat = DateTime.MinValue;
        void OnProgress(TrialProgressTick tick)
        {
            if (DateTime.UtcNow - lastBeat >= heartbeatEvery || tick.Step == tick.TotalSteps)
            {
                lastBeat = DateTime.UtcNow;
                self.Tell(tick);
            }
        }

        Task.Factory.StartNew(
                () => _executor.Execute(assignment.Trial, OnProgress, token),
                token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)
            .PipeTo(self, success: r => new Finished(r), failure: e => new Crashed(e));
        // Progress ticks come only once training runs; setting up (loading data, drawing and orthonormalizing a large Θ)
        // can outlast the lease on a loaded machine, so a slot also says it is alive on a timer while it holds a trial.
        _lastTick = new TrialProgressTick(0, 0, double.NaN);
        Timers.StartPeriodicTimer("alive", new StillTraining(), AliveEvery);
        Become(() => Training(assignment));
    }

    private void Training(TrialAssigned a)
    {
        Receive<TrialProgressTick>(t =>
        {
            _lastTick = t;
            _coordinator.Tell(new TrialHeartbeat(a.SweepId, a.Trial.Id, a.Attempt, t.Step, t.TotalSteps, t.Loss));
        });
        Receive<StillTraining>(_ => _coordinator.Tell(new TrialHeartbeat(a.SweepId, a.Trial.Id, a.Attempt, _lastTick.Step, _lastTick.TotalSteps, _lastTick.Loss)));
        Receive<Finished>(f => Report(a, new ReportTrialCompleted(a.SweepId, a.Trial.Id, a.Attempt, _slot, f.Result.Metrics, f.Result.WPrime)));
        Receive<Crashed>(c =>
        {
            var reason = FailureReason.Of(c.Error);
            _log.Info("Trial {0} attempt {1} failed on {2}: {3}", a.Trial.Id, a.Attempt, _slot, reason);
            Report(a, new ReportTrialFailed(a.SweepId, a.Trial.Id, a.Attempt, _slot, reason));
        });
        Receive<TrialAssigned>(Decline);
        Receive<RetryRequest>(_ => { });
    }

    private void Report(TrialAssigned a, object report)
    {
        Timers.Cancel("alive");
        _cancellation?.Dispose();
        _cancellation = null;
        _coordinator.Tell(report);
        Timers.StartPeriodicTimer("report", new ResendReport(report), ReportRetry);
        Become(() =>
        {
            Receive<ResendReport>(r => _coordinator.Tell(r.Report));
            Receive<TrialReportAccepted>(ack => ack.TrialId == a.Trial.Id && ack.Attempt == a.Attempt, ack =>
            {
                Timers.Cancel("report");
                Become(Idle);
                if (ack.NextFollows)
                {
                    // The ledger started this slot's next trial in the write that made the report durable; its
                    // assignment is on the way. Ask for work only if it never comes.
                    Timers.StartSingleTimer("request", new RetryRequest(), RequestRetry);
                }
                else
                {
                    RequestWork();
                }
            });
            Receive<TrialReportAccepted>(_ => { });
            Receive<TrialProgressTick>(_ => { });
            Receive<TrialAssigned>(Decline);
            Receive<RetryRequest>(_ => { });
        });
    }

    /// <summary>This slot is busy: hand the trial straight back, so it never waits on a slot that will not run it.</summary>
    private void Decline(TrialAssigned other)
    {
        _log.Info("Slot {0} is busy; declining {1} attempt {2}.", _slot, other.Trial.Id, other.Attempt);
        _coordinator.Tell(new DeclineTrial(other.SweepId, other.Trial.Id, other.Attempt, _slot));
    }

    private sealed record Finished(TrialExecution Result);

    private sealed record Crashed(Exception Error);

    private sealed record ResendReport(object Report);

    private sealed record RetryRequest;

    private sealed record StillTraining;
}

/// <summary>Akka.Hosting wiring of the trainers: one <see cref="TrainerActor"/> per slot, each pulling from the coordinator.</summary>
public static class TrainerHosting
{
    public static Akka.Hosting.AkkaConfigurationBuilder AddTrainers(
        this Akka.Hosting.AkkaConfigurationBuilder builder, IReadOnlyList<string> slots, Func<string, ITrialExecutor> executorForSlot) =>
        Akka.Hosting.AkkaHostingExtensions.WithActors(builder, (system, registry) =>
        {
            var coordinator = registry.Get<Coordination.SweepCoordinator>();
            var address = Akka.Cluster.Cluster.Get(system).SelfAddress;
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = $"{address.Host}:{address.Port}/{slots[i]}#{i}";
                system.ActorOf(TrainerActor.Props(coordinator, executorForSlot(slots[i]), slot), $"trainer-{i}");
            }
        });
}
