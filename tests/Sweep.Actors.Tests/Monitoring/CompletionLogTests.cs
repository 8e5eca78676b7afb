using Sweep.Actors.Monitoring;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Monitoring;

public sealed class CompletionLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_completions_in_the_window_per_slot_and_sweep_and_a_resent_report_once()
    {
        var log = new CompletionLog(TimeSpan.FromMinutes(5), T0);
        var a = new SweepId("a");
        var b = new SweepId("b");

        log.Record(a, new TrialId("t-1"), "h:1/cpu#0", T0);
        log.Record(a, new TrialId("t-1"), "h:1/cpu#0", T0.AddSeconds(1)); // re-sent report
        log.Record(a, new TrialId("t-2"), "h:1/cpu#1", T0.AddMinutes(2));
        log.Record(b, new TrialId("t-1"), "h:1/cpu#0", T0.AddMinutes(4));

        Assert.Equal(2, log.BySlot(T0.AddMinutes(4))["h:1/cpu#0"]);
        Assert.Equal(2, log.BySweep(T0.AddMinutes(4))[a]);
        Assert.Equal(TimeSpan.FromMinutes(4), log.Observed(T0.AddMinutes(4)));

        // Six minutes on, the first completion has left the window.
        Assert.Equal(1, log.BySlot(T0.AddMinutes(6))["h:1/cpu#0"]);
        Assert.Equal(1, log.BySweep(T0.AddMinutes(6))[a]);
        Assert.Equal(TimeSpan.FromMinutes(5), log.Observed(T0.AddMinutes(6)));
    }
}
