using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Trainers;

namespace Sweep.Cli.Hosting;

/// <summary>
/// A Sweep node inside this process, started through the production wiring (<see cref="SweepNodeHosting"/>).
/// With no seed nodes it is the embedded single-process cluster holding every role.
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedNode(IHost host, NodeOptions options)
    {
        _host = host;
        Options = options;
        System = host.Services.GetRequiredService<ActorSystem>();
        Coordinator = host.Services.GetRequiredService<ActorRegistry>().Get<SweepCoordinator>();
    }

    public NodeOptions Options { get; }

    public ActorSystem System { get; }

    /// <summary>The coordinator singleton (through its proxy).</summary>
    public IActorRef Coordinator { get; }

    public static Task<EmbeddedNode> StartAsync(NodeOptions options, CancellationToken cancellationToken) =>
        StartAsync(
            options,
            options.Simulate is { } duration
                ? _ => new SimulatedTrialExecutor(duration)
                : TrialExecutors.ForSlot(options.ThreadsPerTrainer, SweepSettings.From(SweepNodeHosting.BuildConfig(options)).ArtifactsFolder),
            cancellationToken);

    public static async Task<EmbeddedNode> StartAsync(NodeOptions options, Func<string, ITrialExecutor> executorForSlot, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSweepNode(options, executorForSlot);
        // Not the console lifetime: signals belong to the command (Interruption), which stops the node itself.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedNode(host, options);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}

/// <summary>A host lifetime that leaves Ctrl-C and SIGTERM to the command that owns the host.</summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
