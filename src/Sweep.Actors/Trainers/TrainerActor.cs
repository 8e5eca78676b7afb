using Akka.Actor;
using Akka.Event;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Actors.Trainers;

/// <summary>
/// One trainer per device slot. Pulls work from the coordinator, trains on the slot's own thread (never in the
/// mailbox), sends heartbeats, and re-sends each report until the coordinator says it is durable.
/// <para>
/// A slot whose last trial took less than <see cref="DefaultKeepInHandBelow"/> keeps one more trial in hand: it asks
/// for it when a trial starts, and starts it the moment the running one finishes, while that one's report is still
/// being made durable. Short trials then never wait for the ledger's write and the network round trip (about 8 ms
/// each, +8% for 100-ms trials on one node). The trial in hand is durably started, so it counts as running, has its
/// lease kept by heartbeats, and goes back to the queue with its slot if the node dies. Longer trials gain nothing
/// from it and would hold a trial back from an idle slot at the sweep's end, so they keep none.
/// </para>
/// </summary>
public sealed class TrainerActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ReportRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RequestRetry = TimeSpan.FromSeconds(10);

    /// <summary>How often a slot holding a trial says so without progress (a quarter of the ledger's 2-minute lease).</summary>
    private static readonly TimeSpan AliveEvery = TimeSpan.FromSeconds(30);

    /// <summary>Trials shorter than this make the slot keep one more in hand. At most this much is held back from an idle slot at a sweep's end.</summary>
    public static readonly TimeSpan DefaultKeepInHandBelow = TimeSpan.FromMilliseconds(500);

    private readonly IActorRef _coordinator;
    private readonly ITrialExecutor _executor;
    private readonly string _slot;
    private readonly TimeSpan _keepInHandBelow;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Reports not yet acknowledged, by trial and attempt; re-sent every <see cref="ReportRetry"/>.</summary>
    private readonly Dictionary<(TrialId, int), ITrainerToCoordinator> _unacknowledged = [];

    /// <summary>Trials for this slot's thread (at most one at a time: the next starts when the running one ends).</summary>
    private readonly System.Collections.Concurrent.BlockingCollection<Action> _work = [];

    private Running? _running;
    private TrialAssigned? _inHand;
    private TimeSpan? _lastDuration;

    /// <summary>An acknowledgement said the ledger started this slot's next trial; its assignment is on the way.</summary>
    private bool _assignmentFollows;

    public TrainerActor(IActorRef coordinator, ITrialExecutor executor, string slot, TimeSpan keepInHandBelow)
    {
        _coordinator = coordinator;
        _executor = executor;
        _slot = slot;
        _keepInHandBelow = keepInHandBelow;

        Receive<TrialAssigned>(OnAssigned);
        Receive<Tick>(OnTick);
        Receive<StillTraining>(_ => SayAlive());
        Receive<Finished>(f => OnEnded(f.Run, new ReportTrialCompleted(f.Run.Assignment.SweepId, f.Run.Assignment.Trial.Id, f.Run.Assignment.Attempt, _slot, f.Result.Metrics, f.Result.WPrime)));
        Receive<Crashed>(c =>
        {
            var a = c.Run.Assignment;
            var reason = FailureReason.Of(c.Error);
            _log.Info("Trial {0} attempt {1} failed on {2}: {3}", a.Trial.Id, a.Attempt, _slot, reason);
            OnEnded(c.Run, new ReportTrialFailed(a.SweepId, a.Trial.Id, a.Attempt, _slot, reason));
        });
        Receive<TrialReportAccepted>(OnAccepted);
        Receive<ResendReports>(_ =>
        {
            foreach (var report in _unacknowledged.Values)
            {
                _coordinator.Tell(report);
            }
        });
        Receive<RetryRequest>(_ =>
        {
            _assignmentFollows = false; // it never came
            AskIfWanting();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef coordinator, ITrialExecutor executor, string slot, TimeSpan? keepInHandBelow = null) =>
        Akka.Actor.Props.Create(() => new TrainerActor(coordinator, executor, slot, keepInHandBelow ?? DefaultKeepInHandBelow));

    protected override void PreStart()
    {
        // The slot's own thread runs its trials one after another, never in the mailbox and never on the thread pool
        // (training holds a thread for minutes); one thread per slot, not one per trial.
        var work = _work;
        new Thread(() =>
        {
            foreach (var trial in work.GetConsumingEnumerable())
            {
                trial();
            }
        })
        { IsBackground = true, Name = "trainer " + _slot }.Start();
        RequestWork();
    }

    protected override void PostStop()
    {
        _running?.Cancellation.Cancel();
        _work.CompleteAdding();
    }

    /// <summary>This slot's trials are short enough that it keeps one more in hand.</summary>
    private bool KeepsOneInHand => _lastDuration is { } last && last < _keepInHandBelow;

    /// <summary>Free to take a trial: nothing runs, or it runs short trials and holds none in hand.</summary>
    private bool Wants => _running is null || (KeepsOneInHand && _inHand is null);

    private void RequestWork()
    {
        _coordinator.Tell(new RequestWork(_slot));
        // If the coordinator lost the request (it moved, or restarted), ask again.
        Timers.StartSingleTimer("request", new RetryRequest(), RequestRetry);
    }

    /// <summary>
    /// Asks for a trial if this slot wants one and none is on its way. While a report waits for its acknowledgement it
    /// does not ask: the write that makes the report durable may start the slot's next trial (<see cref="TrialReportAccepted.NextFollows"/>).
    /// </summary>
    private void AskIfWanting()
    {
        if (Wants && !_assignmentFollows && _unacknowledged.Count == 0)
        {
            RequestWork();
        }
    }

    private void OnAssigned(TrialAssigned assignment)
    {
        _assignmentFollows = false;
        Timers.Cancel("request");
        if (_running is null)
        {
            Start(assignment);
        }
        else if (KeepsOneInHand && _inHand is null)
        {
            _inHand = assignment; // starts when the running trial ends
        }
        else
        {
            Decline(assignment);
        }
    }

    private void Start(TrialAssigned assignment)
    {
        var run = new Running(assignment, new CancellationTokenSource(), DateTime.UtcNow);
        _running = run;
        var token = run.Cancellation.Token;
        var self = Self;
        var heartbeatEvery = TimeSpan.FromSeconds(1);
        var lastBeat = DateTime.MinValue;
        void OnProgress(TrialProgressTick tick)
        {
            if (DateTime.UtcNow - lastBeat >= heartbeatEvery || tick.Step == tick.TotalSteps)
            {
                lastBeat = DateTime.UtcNow;
                self.Tell(new Tick(run, tick));
            }
        }

        var execution = new TaskCompletionSource<TrialExecution>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                execution.SetResult(_executor.Execute(assignment.Trial, OnProgress, token));
            }
            catch (Exception e)
            {
                execution.SetException(e);
            }
        });
        execution.Task.PipeTo(self, success: r => new Finished(run, r), failure: e => new Crashed(run, e));
        // Progress ticks come only once training runs; setting up (loading data, drawing and orthonormalizing a large Θ)
        // can outlast the lease on a loaded machine, so a slot also says it is alive on a timer while it holds a trial.
        Timers.StartPeriodicTimer("alive", new StillTraining(), AliveEvery);
        AskIfWanting();
    }

    private void OnTick(Tick tick)
    {
        if (tick.Run != _running)
        {
            return; // a late tick of a trial that already ended
        }

        tick.Run.LastTick = tick.Progress;
        var a = tick.Run.Assignment;
        _coordinator.Tell(new TrialHeartbeat(a.SweepId, a.Trial.Id, a.Attempt, tick.Progress.Step, tick.Progress.TotalSteps, tick.Progress.Loss));
    }

    /// <summary>Heartbeats for the running trial (its latest progress) and for the one in hand (not begun).</summary>
    private void SayAlive()
    {
        if (_running is { } run)
        {
            var a = run.Assignment;
            _coordinator.Tell(new TrialHeartbeat(a.SweepId, a.Trial.Id, a.Attempt, run.LastTick.Step, run.LastTick.TotalSteps, run.LastTick.Loss));
        }

        if (_inHand is { } next)
        {
            _coordinator.Tell(new TrialHeartbeat(next.SweepId, next.Trial.Id, next.Attempt, 0, 0, double.NaN));
        }
    }

    private void OnEnded(Running run, ITrainerToCoordinator report)
    {
        run.Cancellation.Dispose();
        _running = null;
        _lastDuration = DateTime.UtcNow - run.StartedAt;
        Timers.Cancel("alive");

        var a = run.Assignment;
        _unacknowledged[(a.Trial.Id, a.Attempt)] = report;
        _coordinator.Tell(report);
        if (!Timers.IsTimerActive("report"))
        {
            Timers.StartPeriodicTimer("report", new ResendReports(), ReportRetry);
        }

        if (_inHand is { } next)
        {
            _inHand = null;
            Start(next); // no waiting for the report's write
        }

        // Otherwise the acknowledgement says whether the ledger started this slot's next trial or it must ask.
    }

    private void OnAccepted(TrialReportAccepted ack)
    {
        if (!_unacknowledged.Remove((ack.TrialId, ack.Attempt)))
        {
            return; // the answer to a re-sent report, already heard
        }

        if (_unacknowledged.Count == 0)
        {
            Timers.Cancel("report");
        }

        if (ack.NextFollows)
        {
            // The ledger started this slot's next trial in the write that made the report durable; its
            // assignment is on the way. Ask for work only if it never comes.
            _assignmentFollows = true;
            Timers.StartSingleTimer("request", new RetryRequest(), RequestRetry);
        }
        else
        {
            AskIfWanting();
        }
    }

    /// <summary>This slot is busy: hand the trial straight back, so it never waits on a slot that will not run it.</summary>
    private void Decline(TrialAssigned other)
    {
        _log.Info("Slot {0} is busy; declining {1} attempt {2}.", _slot, other.Trial.Id, other.Attempt);
        _coordinator.Tell(new DeclineTrial(other.SweepId, other.Trial.Id, other.Attempt, _slot));
    }

    /// <summary>The trial this slot is executing.</summary>
    private sealed class Running(TrialAssigned assignment, CancellationTokenSource cancellation, DateTime startedAt)
    {
        public TrialAssigned Assignment { get; } = assignment;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public DateTime StartedAt { get; } = startedAt;
        public TrialProgressTick LastTick { get; set; } = new(0, 0, double.NaN);
    }

    private sealed record Tick(Running Run, TrialProgressTick Progress);

    private sealed record Finished(Running Run, TrialExecution Result);

    private sealed record Crashed(Running Run, Exception Error);

    private sealed record ResendReports;

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
