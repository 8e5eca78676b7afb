using Akka.TestKit.Xunit2;
using Sweep.Actors.Estimation;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Estimation;

/// <summary>The estimator actor on its own: it answers every request, with an estimate or with the reason it has none.</summary>
public sealed class EstimatorActorTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static EstimateMiGroup RequestFor(int trainingsDone)
    {
        var spec = Samples.Spec(Samples.MiYaml);
        var state = SweepState.Initial(new SweepSubmitted(new SweepId("tiny-mi-x"), spec, "h", "yaml", 2, T0));
        var group = MiGroupDecisions.Groups(state)[0];
        var random = new Random(4);
        foreach (var (id, j) in group.Members.Select((id, j) => (id, j)))
        {
            state = state.Apply(new TrialStarted(id, 1, "a", T0));
            state = j < trainingsDone
                ? state.Apply(new TrialCompleted(id, 1, "a", Samples.Metrics(), [.. Enumerable.Range(0, group.D).Select(_ => (float)random.NextDouble())], T0))
                : state.Apply(new TrialFailed(id, 1, "a", "NaN", WillRetry: false, T0));
        }

        return EstimateMiGroup.For(state, group);
    }

    [Fact]
    public void Complete_group_is_answered_with_its_estimate()
    {
        var estimator = Sys.ActorOf(EstimatorActor.Props(new TrainingPoolCache(), 1));
        var request = RequestFor(5);

        estimator.Tell(request, TestActor);

        var reply = ExpectMsg<MiGroupEstimated>(TimeSpan.FromSeconds(30));
        Assert.Equal(request.Group.GroupId, reply.Estimate.GroupId);
        Assert.Equal(request.Positions, reply.Estimate.Positions);
        Assert.Equal(5, reply.Estimate.Trainings);
        Assert.All(reply.Estimate.PerSampleMi, v => Assert.True(double.IsFinite(v)));
        Assert.True(reply.Estimate.Bound >= 0);
    }

    [Fact]
    public void Group_with_a_failed_member_is_failed_loudly_not_estimated_from_the_survivors()
    {
        var estimator = Sys.ActorOf(EstimatorActor.Props(new TrainingPoolCache(), 1));

        estimator.Tell(RequestFor(2), TestActor); // 2 of the group's 5 trainings done, 3 failed

        var reply = ExpectMsg<MiGroupEstimationFailed>(TimeSpan.FromSeconds(30));
        Assert.Contains("3 of the group's 5 trainings failed", reply.Reason);
    }

    [Fact]
    public void Requests_that_arrive_while_busy_are_all_answered()
    {
        var estimator = Sys.ActorOf(EstimatorActor.Props(new TrainingPoolCache(), 1));

        estimator.Tell(RequestFor(5), TestActor);
        estimator.Tell(RequestFor(1), TestActor);
        estimator.Tell(RequestFor(5), TestActor);

        ExpectMsg<MiGroupEstimated>(TimeSpan.FromSeconds(30));
        ExpectMsg<MiGroupEstimationFailed>(TimeSpan.FromSeconds(30));
        ExpectMsg<MiGroupEstimated>(TimeSpan.FromSeconds(30));
    }
}
