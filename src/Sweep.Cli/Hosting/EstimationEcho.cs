using Akka.Actor;
using Spectre.Console;
using Sweep.Actors.Estimation;

namespace Sweep.Cli.Hosting;

/// <summary>On a node's console: a line each time one of its estimators starts on an MI group ("estimating ...").</summary>
public sealed class EstimationEcho : ReceiveActor
{
    public EstimationEcho(IAnsiConsole console) =>
        Receive<MiGroupEstimationStarted>(s => console.MarkupLineInterpolated($"estimating MI group {s.GroupId} of {s.SweepId}"));
}

/// <summary>Starts an <see cref="EstimationEcho"/> on a node's event stream.</summary>
public static class EstimationEchoHosting
{
    public static void Start(ActorSystem system, IAnsiConsole console)
    {
        var echo = system.ActorOf(Props.Create(() => new EstimationEcho(console)), "estimation-echo");
        system.EventStream.Subscribe(echo, typeof(MiGroupEstimationStarted));
    }
}
