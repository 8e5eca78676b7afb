using Akka.Actor;
using Spectre.Console.Testing;
using Sweep.Actors.Protocol;
using Sweep.Cli.Commands;
using Sweep.Cli.Display;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Cli.Tests;

/// <summary><c>status --watch</c>'s board and <c>status</c>'s ETA, against a stand-in coordinator that finishes a sweep after a few polls.</summary>
public sealed class SweepBoardTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly ActorSystem _system = ActorSystem.Create("board");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Watch_follows_every_sweep_until_each_has_ended(bool terminal)
    {
        var coordinator = _system.ActorOf(Props.Create(() => new Finishing(3)));
        var console = new TestConsole().Width(200);
        console.Profile.Capabilities.Interactive = terminal;

        var final = await SweepBoard.WatchAsync(console, coordinator, [new SweepId("a"), new SweepId("b")], CancellationToken.None);

        Assert.All(final, s => Assert.True(s.IsFinished));
        Assert.Contains("4/4 done", console.Output);
    }

    [Fact]
    public void Eta_is_the_remaining_trials_at_the_recent_rate_and_none_while_paused()
    {
        var status = new SweepStatus(new SweepId("a"), "a", SweepPhase.Active, 10, 4, 2, 4, 0, T0, []);
        var activity = new ClusterActivity(300, [], [new SweepActivity(new SweepId("a"), 3)]); // 3 in 5 min

        var row = StatusCommand.RowOf(status, activity, T0.AddMinutes(10));
        var paused = StatusCommand.RowOf(status with { Phase = SweepPhase.Paused }, activity, T0.AddMinutes(10));

        Assert.Equal((0.6, 600.0), (row.PerMinute, row.ElapsedSeconds));
        Assert.Equal(600, row.EtaSeconds!.Value, precision: 6); // 6 remaining at 0.6/min
        Assert.Null(paused.EtaSeconds);
        Assert.Equal("paused", paused.State);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Answers each sweep's status, one more trial done per poll, until all 4 are.</summary>
    private sealed class Finishing : ReceiveActor
    {
        public Finishing(int pollsToFinish)
        {
            var polls = new Dictionary<SweepId, int>();
            Receive<GetSweepStatus>(q =>
            {
                var n = polls[q.SweepId] = polls.GetValueOrDefault(q.SweepId) + 1;
                var done = Math.Min(4, n * 4 / pollsToFinish);
                Sender.Tell(new SweepStatus(q.SweepId, q.SweepId.Value, SweepPhase.Active, 4, done, 4 - done > 0 ? 1 : 0, Math.Max(0, 3 - done), 0, T0, []));
            });
        }
    }
}
