using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sweep.Actors.Coordination;
using Sweep.Actors.Estimation;
using Sweep.Actors.Trainers;

namespace Sweep.Actors.Hosting;

/// <summary>
/// The composition root of a node: HOCON (base + store + user files), remoting on 127.0.0.1, the cluster with this
/// node's roles, then each role's actors through their own hosting extensions.
/// </summary>
public static class SweepNodeHosting
{
    public const string SystemName = "sweep";

    public static IServiceCollection AddSweepNode(this IServiceCollection services, NodeOptions options, Func<string, ITrialExecutor> executorForSlot)
    {
        var config = BuildConfig(options);
        var settings = SweepSettings.From(config);
        return services.AddAkka(SystemName, builder =>
        {
            builder
                .AddHocon(config, HoconAddMode.Prepend)
                .WithRemoting(Remoting(options))
                .WithClustering(new ClusterOptions { Roles = [.. options.Roles], SeedNodes = [.. options.SeedNodes] });
            if (options.SeedNodes.Count == 0)
            {
                builder.AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
            }

            if (options.Has(SweepRoles.Estimator))
            {
                // Before the coordinator, so a recovering ledger finds the estimators in the registry.
                builder.AddEstimators(options.Estimators);
            }

            if (options.Has(SweepRoles.Coordinator))
            {
                builder.AddEstimatorBroker();
                builder.AddSweepCoordinator(settings.Ledger with { ReadOnly = options.ReadOnly });
            }
            else
            {
                builder.AddSweepCoordinatorProxy();
            }

            builder.AddSweepGateway();

            if (options.Has(SweepRoles.Trainer))
            {
                builder.AddTrainers(options.Slots, executorForSlot);
            }
        });
    }

    /// <summary>Remoting on the node's address; with TLS, the certificate and the cluster-CA check of <see cref="Security.TransportSecurity"/>.</summary>
    private static RemoteOptions Remoting(NodeOptions options)
    {
        var remote = new RemoteOptions { HostName = options.Host, PublicHostName = options.PublicHost, Port = options.Port };
        if (options.Tls is { } tls)
        {
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = tls.Validate,
            };
        }

        return remote;
    }

    /// <summary>User files first, then the sweep overrides, the store, and base.conf as the fallback.</summary>
    public static Config BuildConfig(NodeOptions options)
    {
        var config = options.Store.ToConfig().WithFallback(ClusterConfigFiles.Load("base.conf"));
        if (options.Settings is not null)
        {
            config = ConfigurationFactory.ParseString(options.Settings.ToHocon()).WithFallback(config);
        }

        if (options.Alone)
        {
            config = ConfigurationFactory.ParseString("akka.cluster.singleton.hand-over-retry-interval = 100ms").WithFallback(config);
        }

        foreach (var file in options.ConfigFiles.Reverse())
        {
            config = ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(config);
        }

        // With allow-unregistered-types off (base.conf), every Akka message that crosses the wire needs its serializer
        // bound from the start, in the nodes and in the CLI client alike: ClusterClient, pub-sub (the client's Send)
        // and singleton messages once fell back to the json serializer.
        return config
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration)
            .WithFallback(Akka.Cluster.Tools.Client.ClusterClientReceptionist.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig());
    }
}
