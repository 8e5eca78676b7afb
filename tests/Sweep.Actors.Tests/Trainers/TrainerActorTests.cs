using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Sweep.Actors.Protocol;
using Sweep.Actors.Trainers;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Trainers;

/// <summary>
/// A trainer slot against a probe standing in for the coordinator: a slot whose trials are short keeps one more in
/// hand and starts it the moment the running one ends, before that one's report is acknowledged; a slot whose trials
/// are long keeps none and hands a second assignment back. The trials run on a real executor that waits for the test.
/// </summary>
public sealed class TrainerActorTests : TestKit
{
    private const string Slot = "127.0.0.1:4053/cpu#0";
    private static readonly SweepId Sweep = new("tiny-0123abcd");
    private readonly IReadOnlyList<TrialConfig> _trials = Samples.Trials(Samples.Spec());

    [Fact]
    public void A_slot_with_short_trials_keeps_one_in_hand_and_starts_it_before_the_last_report_is_acknowledged()
    {
        var (coordinator, executor) = (CreateTestProbe(), new GatedExecutor());
        var slot = Sys.ActorOf(TrainerActor.Props(coordinator.Ref, executor, Slot, keepInHandBelow: TimeSpan.FromHours(1)));
        coordinator.ExpectMsg<RequestWork>();

        // The first trial: the slot does not yet know how long its trials take, so it asks for nothing more.
        slot.Tell(Assigned(0), coordinator.Ref);
        executor.Finish(_trials[0].Id);
        Assert.Equal(_trials[0].Id, Next<ReportTrialCompleted>(coordinator).TrialId);
        slot.Tell(new TrialReportAccepted(Sweep, _trials[0].Id, 1, NextFollows: true), coordinator.Ref);
        slot.Tell(Assigned(1), coordinator.Ref);

        // It took less than the threshold: starting the second, the slot asks for one to keep in hand, and keeps it.
        Assert.Equal(Slot, Next<RequestWork>(coordinator).Slot);
        slot.Tell(Assigned(2), coordinator.Ref);
        executor.Finish(_trials[1].Id);
        Assert.Equal(_trials[1].Id, Next<ReportTrialCompleted>(coordinator).TrialId);
        AwaitCondition(() => executor.Started.Contains(_trials[2].Id), TimeSpan.FromSeconds(10)); // no acknowledgement yet

        // Both reports wait for their acknowledgements; only after the last one does the idle slot ask again.
        executor.Finish(_trials[2].Id);
        Assert.Equal(_trials[2].Id, Next<ReportTrialCompleted>(coordinator).TrialId);
        slot.Tell(new TrialReportAccepted(Sweep, _trials[1].Id, 1), coordinator.Ref);
        slot.Tell(new TrialReportAccepted(Sweep, _trials[2].Id, 1), coordinator.Ref);
        Assert.Equal(Slot, Next<RequestWork>(coordinator).Slot);
        Assert.Equal([_trials[0].Id, _trials[1].Id, _trials[2].Id], executor.Started);
    }

    [Fact]
    public void A_slot_with_long_trials_keeps_none_in_hand_and_hands_a_second_assignment_back()
    {
        var (coordinator, executor) = (CreateTestProbe(), new GatedExecutor());
        var slot = Sys.ActorOf(TrainerActor.Props(coordinator.Ref, executor, Slot, keepInHandBelow: TimeSpan.Zero));
        coordinator.ExpectMsg<RequestWork>();
        slot.Tell(Assigned(0), coordinator.Ref);
        executor.Finish(_trials[0].Id);
        Next<ReportTrialCompleted>(coordinator);
        slot.Tell(new TrialReportAccepted(Sweep, _trials[0].Id, 1, NextFollows: true), coordinator.Ref);
        slot.Tell(Assigned(1), coordinator.Ref);
        AwaitCondition(() => executor.Started.Contains(_trials[1].Id), TimeSpan.FromSeconds(10));

        slot.Tell(Assigned(2), coordinator.Ref);
        var declined = Next<DeclineTrial>(coordinator); // and no request for more came before it
        Assert.Equal((_trials[2].Id, Slot), (declined.TrialId, declined.Slot));
        executor.Finish(_trials[1].Id);
        Assert.Equal(_trials[1].Id, Next<ReportTrialCompleted>(coordinator).TrialId);
        Assert.DoesNotContain(_trials[2].Id, executor.Started);
    }

    private TrialAssigned Assigned(int index) => new(Sweep, _trials[index], 1);

    /// <summary>The next message of type <typeparamref name="T"/>, skipping heartbeats; any other message fails the test.</summary>
    private static T Next<T>(TestProbe coordinator)
    {
        while (true)
        {
            var message = coordinator.ReceiveOne(TimeSpan.FromSeconds(10));
            switch (message)
            {
                case T wanted:
                    return wanted;
                case TrialHeartbeat:
                    continue;
                default:
                    throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name}, got {message?.GetType().Name ?? "nothing within 10 s"}.");
            }
        }
    }

    /// <summary>Runs each trial until the test lets it finish, with metrics from the trial's seed.</summary>
    private sealed class GatedExecutor : ITrialExecutor
    {
        private readonly ConcurrentDictionary<TrialId, SemaphoreSlim> _gates = new();
        private readonly ConcurrentQueue<TrialId> _started = new();

        public IReadOnlyList<TrialId> Started => [.. _started];

        public void Finish(TrialId trial) => Gate(trial).Release();

        public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken)
        {
            _started.Enqueue(trial.Id);
            Gate(trial.Id).Wait(cancellationToken);
            return new TrialExecution(Samples.Metrics(trainError: trial.Seeds.Init % 7 / 10.0), [0.5f]);
        }

        private SemaphoreSlim Gate(TrialId trial) => _gates.GetOrAdd(trial, _ => new SemaphoreSlim(0));
    }
}
