using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using Sweep.Actors.Coordination;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Coordination;

/// <summary>
/// Leases and the ETA on a fake clock: the coordinator and its ledgers read time only from the injected
/// <see cref="TimeProvider"/>, so a lease expires when the clock says so, and a pace is exact, without waiting.
/// </summary>
public sealed class LedgerClockTests : TestKit
{
    private static readonly DateTimeOffset T0 = Samples.T0;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly string _results = Directory.CreateTempSubdirectory("sweep-clock-").FullName;
    private readonly FakeTimeProvider _clock = new(T0);

    [Fact]
    public void A_lease_runs_from_the_start_until_the_first_heartbeat_then_from_the_latest()
    {
        var spec = Samples.Spec();
        var s = SweepState.Initial(new SweepSubmitted(new SweepId("tiny-x"), spec, "h", "yaml", 2, T0));
        var (quiet, beating) = (s.Order[0], s.Order[1]);
        s = s.Apply(new TrialStarted(quiet, 1, "a", T0)).Apply(new TrialStarted(beating, 1, "b", T0));
        var leases = new TrialLeases(Lease, _clock);

        _clock.Advance(TimeSpan.FromMinutes(1.5));
        leases.Beat(new TrialHeartbeat(s.SweepId, beating, 1, 3, 10, 0.7));
        Assert.Empty(leases.Expire(s));

        _clock.Advance(TimeSpan.FromMinutes(1)); // 2.5 min after both starts, 1 min after the heartbeat
        var expired = Assert.IsType<TrialRequeued>(Assert.Single(leases.Expire(s)));
        Assert.Equal(quiet, expired.TrialId);
        Assert.Equal(T0.AddMinutes(2.5), expired.At);
        Assert.Equal("lease expired: no heartbeat for 120 s", expired.Reason);

        _clock.Advance(TimeSpan.FromMinutes(1.5)); // 2.5 min after the heartbeat
        Assert.Equal([quiet, beating], leases.Expire(s).Select(e => ((TrialRequeued)e).TrialId));

        leases.Ended(beating);
        Assert.False(leases.Latest.ContainsKey(beating));
    }

    [Fact]
    public void A_trial_whose_trainer_goes_quiet_is_requeued_once_the_clock_passes_its_lease()
    {
        var coordinator = StartCoordinator();
        var sweep = Submit(coordinator);
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var assigned = trainer.ExpectMsg<TrialAssigned>();

        _clock.Advance(TimeSpan.FromMinutes(1));
        coordinator.Tell(new TrialHeartbeat(sweep, assigned.Trial.Id, 1, 2, 10, 0.9), trainer);
        AwaitAssert(() => Assert.Equal(2, Assert.Single(Status(coordinator, sweep).RunningTrials).Step)); // the ledger saw it at minute 1
        _clock.Advance(TimeSpan.FromMinutes(1.5)); // 2.5 min after the start, 1.5 after the heartbeat
        Thread.Sleep(TimeSpan.FromSeconds(1)); // ten lease checks on the wall clock
        Assert.Equal(1, Status(coordinator, sweep).Running);

        _clock.Advance(TimeSpan.FromMinutes(1));
        AwaitAssert(() => Assert.Equal(0, Status(coordinator, sweep).Running), TimeSpan.FromSeconds(10));
        var rows = Ask<SweepTrials>(coordinator, new GetSweepTrials(sweep, "pending")).Trials;
        var requeued = Assert.Single(rows, r => r.TrialId == assigned.Trial.Id);
        Assert.Equal(1, requeued.Attempt);
        Assert.Equal("lease expired: no heartbeat for 120 s", requeued.Error);
    }

    [Fact]
    public void The_eta_is_the_remaining_trials_at_the_pace_of_the_coordinators_recent_window()
    {
        var coordinator = StartCoordinator();
        var sweep = Submit(coordinator);
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        for (var i = 0; i < 2; i++)
        {
            var assigned = trainer.ExpectMsg<TrialAssigned>(); // the second was started with the first's completion
            _clock.Advance(TimeSpan.FromMinutes(1));
            coordinator.Tell(new ReportTrialCompleted(sweep, assigned.Trial.Id, assigned.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
            Assert.True(trainer.ExpectMsg<TrialReportAccepted>().NextFollows);
        }

        var status = Status(coordinator, sweep);
        var activity = Ask<ClusterActivity>(coordinator, new GetActivity());
        Assert.Equal((4, 2), (status.Total, status.Done));
        Assert.Equal(120, activity.WindowSeconds); // the coordinator is two minutes old on its clock
        Assert.Equal(1.0, SweepRate.PerMinute(status, activity), precision: 12);
        Assert.Equal(120, SweepRate.EtaSeconds(status, activity)!.Value, precision: 9); // two left at one a minute

        _clock.Advance(TimeSpan.FromMinutes(10)); // both completions leave the 5-minute window
        var later = Ask<ClusterActivity>(coordinator, new GetActivity());
        Assert.Equal(300, later.WindowSeconds);
        Assert.Null(SweepRate.EtaSeconds(status, later));
    }

    [Fact]
    public void A_sweep_younger_than_the_window_is_paced_over_its_own_age()
    {
        var coordinator = StartCoordinator();
        Ask<SweepList>(coordinator, new ListSweeps()); // started: its window opens now
        _clock.Advance(TimeSpan.FromMinutes(4)); // the coordinator ran four minutes before this sweep came
        var sweep = Submit(coordinator);
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var assigned = trainer.ExpectMsg<TrialAssigned>();
        _clock.Advance(TimeSpan.FromSeconds(30));
        coordinator.Tell(new ReportTrialCompleted(sweep, assigned.Trial.Id, assigned.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
        trainer.ExpectMsg<TrialReportAccepted>();

        var status = Status(coordinator, sweep);
        var activity = Ask<ClusterActivity>(coordinator, new GetActivity());
        var now = _clock.GetUtcNow();
        Assert.Equal(270, activity.WindowSeconds);
        Assert.Equal(2.0, SweepRate.PerMinute(status, activity, now), precision: 9); // one trial in its 30 s of life
        Assert.Equal(90, SweepRate.EtaSeconds(status, activity, now)!.Value, precision: 6); // three left at two a minute
    }

    [Fact]
    public void A_sweep_resumed_after_a_pause_is_paced_since_it_resumed()
    {
        var coordinator = StartCoordinator();
        var sweep = Submit(coordinator);
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var first = trainer.ExpectMsg<TrialAssigned>();
        Ask<SweepStatus>(coordinator, new PauseSweep(sweep));
        _clock.Advance(TimeSpan.FromMinutes(4)); // paused for four minutes: nothing could run
        coordinator.Tell(new ReportTrialCompleted(sweep, first.Trial.Id, first.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
        Assert.False(trainer.ExpectMsg<TrialReportAccepted>().NextFollows);
        Ask<SweepAccepted>(coordinator, new ResumeSweep(sweep, RetryFailed: false));
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var second = trainer.ExpectMsg<TrialAssigned>();
        _clock.Advance(TimeSpan.FromSeconds(30));
        coordinator.Tell(new ReportTrialCompleted(sweep, second.Trial.Id, second.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
        trainer.ExpectMsg<TrialReportAccepted>();

        var status = Status(coordinator, sweep);
        var activity = Ask<ClusterActivity>(coordinator, new GetActivity());
        var now = _clock.GetUtcNow();
        Assert.Equal(now.AddSeconds(-30), status.ActiveSince);
        Assert.Equal(270, activity.WindowSeconds);
        Assert.Equal(4.0, SweepRate.PerMinute(status, activity, now), precision: 9); // two trials in the 30 s since the resume, not over the paused 4.5 min
        Assert.Equal(30, SweepRate.EtaSeconds(status, activity, now)!.Value, precision: 6); // two left at four a minute
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_results, recursive: true);
    }

    private IActorRef StartCoordinator() =>
        Sys.ActorOf(SweepCoordinator.Props(new LedgerSettings(1000, _results) { Lease = Lease, LeaseCheckEvery = TimeSpan.FromMilliseconds(100) }, _clock));

    private SweepId Submit(IActorRef coordinator) =>
        Ask<SweepAccepted>(coordinator, new SubmitSweep(Samples.Spec(), Samples.SyntheticYaml, 2)).SweepId;

    private SweepStatus Status(IActorRef coordinator, SweepId sweep) => Ask<SweepStatus>(coordinator, new GetSweepStatus(sweep));

    private static T Ask<T>(IActorRef actor, object message) => actor.Ask<T>(message, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
}
