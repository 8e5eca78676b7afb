using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using Sweep.Actors.Coordination;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Actors.Security;

namespace Sweep.Cli.Hosting;

/// <summary>
/// The command line's connection to a running cluster: a small actor system outside the cluster (remoting on
/// 127.0.0.1, a free port) with a ClusterClient to the receptionist at the contact address. <see cref="Coordinator"/>
/// forwards every message to the coordinator through the nodes' gateways, so callers ask it as they would ask the
/// embedded coordinator.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private ClusterConnection(ActorSystem system, IActorRef coordinator, string contact)
    {
        System = system;
        Coordinator = coordinator;
        Contact = contact;
    }

    public ActorSystem System { get; }

    public IActorRef Coordinator { get; }

    public string Contact { get; }

    /// <summary>Connects and checks that a coordinator answers (or, with a <paramref name="probe"/>, that the probe is answered).</summary>
    /// <param name="contact">A node's address, <c>akka.tcp://sweep@host:port</c> or <c>host:port</c>.</param>
    /// <param name="probe">The first message to ask; default <see cref="ListSweeps"/>, which needs the coordinator. <see cref="GetClusterState"/> needs only the contacted node.</param>
    /// <exception cref="TimeoutException">Nothing answered at the contact within <paramref name="timeout"/> (also what a TLS node that refuses this client looks like).</exception>
    /// <exception cref="TlsConfigurationException">The client's own TLS settings cannot work (bad input).</exception>
    public static async Task<ClusterConnection> ConnectAsync(string contact, TimeSpan timeout, CancellationToken cancellationToken, ISweepWire? probe = null)
    {
        var tls = ClientTransport.Source.Resolve(config: null);
        var address = NormalizeAddress(contact, secure: tls is not null);
        await CheckResolvesAsync(address, cancellationToken);
        var config = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.enable-ssl = {(tls is null ? "off" : "on")}").WithFallback(ConfigurationFactory.ParseString("""
                akka.actor.provider = remote
                # The command's own output (and --json) goes to stdout; the client's failed tries to reach a dead node are no news.
                akka { loglevel = ERROR, stdout-loglevel = ERROR, remote.log-remote-lifecycle-events = off }
                akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
                akka.cluster.client { establishing-get-contacts-interval = 1s, reconnect-timeout = off }
                """))
            .WithFallback(SweepNodeHosting.BuildConfig(new NodeOptions()))
            .WithFallback(ClusterClientReceptionist.DefaultConfig());
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var system = tls is null ? ActorSystem.Create("sweep-cli", bootstrap) : ActorSystem.Create("sweep-cli", bootstrap.And(tls.Setup()));
        var settings = ClusterClientSettings.Create(system).WithInitialContacts(ImmutableHashSet.Create(ActorPath.Parse(address + "/system/receptionist")));
        var failures = new AssociationFailures();
        system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new AssociationFailureListener(failures)), "association-failures"), typeof(Akka.Remote.AssociationErrorEvent));
        var client = system.ActorOf(ClusterClient.Props(settings), "client");
        var coordinator = system.ActorOf(Props.Create(() => new Forwarder(client)), "coordinator");
        var connection = new ClusterConnection(system, coordinator, address);
        try
        {
            await coordinator.Ask<ISweepWire>(probe ?? new ListSweeps(), timeout, cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"No Sweep cluster answered at {address} within {timeout.TotalSeconds:F0} s ({failures.Explain(tls is not null)}).", e);
        }
    }

    /// <summary>The contact as a node address in the scheme of this client's transport (TLS or not).</summary>
    /// <exception cref="FormatException">Not an address (see the overload).</exception>
    public static string NormalizeAddress(string contact) => NormalizeAddress(contact, ClientTransport.Secure);

    /// <summary>
    /// A node address as Akka writes it, from <c>host:port</c> or a full address, in the scheme of a transport with or
    /// without TLS: a TLS node is reached as <c>akka.ssl.tcp://</c>, so an address typed with <c>akka.tcp://</c> is
    /// rewritten rather than sent nowhere.
    /// </summary>
    /// <exception cref="FormatException">Not an address: no host, no port, or a port outside 1-65535 (bad input, refused before any connection).</exception>
    public static string NormalizeAddress(string contact, bool secure)
    {
        var scheme = secure ? TransportSecurity.SecureScheme : TransportSecurity.PlainScheme;
        string? text = null;
        foreach (var known in new[] { TransportSecurity.SecureScheme, TransportSecurity.PlainScheme })
        {
            if (contact.StartsWith(known + "://", StringComparison.Ordinal))
            {
                text = $"{scheme}://{contact[(known.Length + 3)..].TrimEnd('/')}";
                break;
            }
        }

        text ??= $"{scheme}://{SweepNodeHosting.SystemName}@{contact}";
        const string expected = "use akka.tcp://sweep@host:port or host:port, with a port from 1 to 65535";
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new FormatException($"'{contact}' is not a node address ({e.Message.TrimEnd('.')}); {expected}.", e);
        }

        if (string.IsNullOrEmpty(address.Host) || address.Port is not (>= 1 and <= 65535))
        {
            throw new FormatException($"'{contact}' is not a node address; {expected}.");
        }

        return text;
    }

    /// <summary>A host name that does not resolve is said at once, not waited on for the whole connect timeout.</summary>
    private static async Task CheckResolvesAsync(string address, CancellationToken cancellationToken)
    {
        var host = Address.Parse(address).Host!;
        if (global::System.Net.IPAddress.TryParse(host, out _))
        {
            return;
        }

        try
        {
            await global::System.Net.Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (global::System.Net.Sockets.SocketException e)
        {
            throw new TimeoutException($"Cannot reach {address}: the host name '{host}' does not resolve ({e.Message}).", e);
        }
    }

    public async ValueTask DisposeAsync() => await System.Terminate();

    /// <summary>The last reason the transport gave for failing to connect to the contact, if it gave one.</summary>
    private sealed class AssociationFailures
    {
        private volatile string? _last;

        public void Record(Exception? cause)
        {
            if (cause is not null)
            {
                _last = (cause.InnerException ?? cause).Message.TrimEnd('.');
            }
        }

        /// <summary>Why nothing answered, as far as this client can tell, with what to check.</summary>
        public string Explain(bool tls) => (_last, tls) switch
        {
            (null, _) => "is a node running there?",
            (var reason, _) when reason.Contains("Connection refused", StringComparison.OrdinalIgnoreCase) => "the connection was refused: is a node running there?",
            (var reason, true) => $"the connection failed: {reason}; with TLS a node accepts only a certificate signed by its cluster's CA, so check --tls-cert, and that the node runs TLS",
            (var reason, false) => $"the connection failed: {reason}; if the cluster runs TLS, pass --tls-cert (or $SWEEP_TLS_CERT) with a certificate from its CA",
        };
    }

    private sealed class AssociationFailureListener : ReceiveActor
    {
        public AssociationFailureListener(AssociationFailures failures) => Receive<Akka.Remote.AssociationErrorEvent>(e => failures.Record(e.Cause));
    }

    private sealed class Forwarder : ReceiveActor
    {
        // Local affinity: the gateway of the node whose receptionist the client is connected to answers, so membership
        // queries describe the cluster as that node sees it, and nothing is routed to a gateway on a dead node.
        public Forwarder(IActorRef client) => Receive<ISweepWire>(m => client.Forward(new ClusterClient.Send(SweepGateway.Path, m, localAffinity: true)));
    }
}
