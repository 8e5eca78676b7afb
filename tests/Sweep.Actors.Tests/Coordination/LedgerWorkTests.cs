using Akka.Actor;
using Akka.TestKit.Xunit2;
using Sweep.Actors.Coordination;
using Sweep.Actors.Protocol;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Coordination;

/// <summary>
/// The work path of a ledger: a completion report starts the slot's next trial in the same durable write, the
/// acknowledgement says so and the assignment follows it; with nothing left to start, the trainer is told to ask.
/// </summary>
public sealed class LedgerWorkTests : TestKit
{
    private readonly string _results = Directory.CreateTempSubdirectory("sweep-work-").FullName;

    [Fact]
    public void A_completion_starts_the_slots_next_trial_and_the_last_one_tells_the_trainer_to_ask()
    {
        var coordinator = Sys.ActorOf(SweepCoordinator.Props(new LedgerSettings(1000, _results)));
        var sweep = Ask<SweepAccepted>(coordinator, new SubmitSweep(Samples.Spec(), Samples.SyntheticYaml, 2)).SweepId;
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var seen = new List<TrialId>();
        var assigned = trainer.ExpectMsg<TrialAssigned>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(assigned.Trial.Id);
            coordinator.Tell(new ReportTrialCompleted(sweep, assigned.Trial.Id, assigned.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
            var ack = trainer.ExpectMsg<TrialReportAccepted>();
            Assert.Equal(assigned.Trial.Id, ack.TrialId);
            Assert.Equal(i < 3, ack.NextFollows); // four trials: the last completion has nothing to start
            if (i < 3)
            {
                assigned = trainer.ExpectMsg<TrialAssigned>();
                var status = Ask<SweepStatus>(coordinator, new GetSweepStatus(sweep));
                Assert.Equal((i + 1, 1), (status.Done, status.Running)); // the next start is durable before the trainer hears of it
                Assert.Equal("n1/cpu#0", Assert.Single(status.RunningTrials).Node);
            }
        }

        trainer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(4, seen.Distinct().Count());
        var final = Ask<SweepStatus>(coordinator, new GetSweepStatus(sweep));
        Assert.Equal((4, 4, 0), (final.Total, final.Done, final.Running));
    }

    [Fact]
    public void A_paused_sweep_starts_nothing_with_a_completion()
    {
        var coordinator = Sys.ActorOf(SweepCoordinator.Props(new LedgerSettings(1000, _results)));
        var sweep = Ask<SweepAccepted>(coordinator, new SubmitSweep(Samples.Spec(), Samples.SyntheticYaml, 2)).SweepId;
        var trainer = CreateTestProbe();
        coordinator.Tell(new RequestWork("n1/cpu#0"), trainer);
        var assigned = trainer.ExpectMsg<TrialAssigned>();
        Ask<SweepStatus>(coordinator, new PauseSweep(sweep));
        coordinator.Tell(new ReportTrialCompleted(sweep, assigned.Trial.Id, assigned.Attempt, "n1/cpu#0", Samples.Metrics(), [0.5f]), trainer);
        Assert.False(trainer.ExpectMsg<TrialReportAccepted>().NextFollows);
        trainer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var status = Ask<SweepStatus>(coordinator, new GetSweepStatus(sweep));
        Assert.Equal((1, 0, SweepPhase.Paused), (status.Done, status.Running, status.Phase));
    }

    private static T Ask<T>(IActorRef actor, object message) => actor.Ask<T>(message, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_results, recursive: true);
    }
}
