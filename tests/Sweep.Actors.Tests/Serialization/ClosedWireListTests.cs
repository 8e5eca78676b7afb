using System.Text;
using Akka.Actor;
using Akka.Serialization;
using Sweep.Actors.Hosting;
using Sweep.Actors.Protocol;
using Sweep.Actors.Serialization;

namespace Sweep.Actors.Tests.Serialization;

/// <summary>
/// Only the closed list of <see cref="WireTypes"/> can be read from the network: Akka's default json serializer, which
/// instantiates whatever type a manifest names, is no longer reachable, neither by its identifier nor as the fallback.
/// </summary>
public sealed class ClosedWireListTests : IDisposable
{
    // The configuration every node and the CLI client build (base.conf with the store and defaults), on remoting, as on the wire.
    private readonly ActorSystem _system = ActorSystem.Create(
        "closed",
        Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }")
            .WithFallback(SweepNodeHosting.BuildConfig(new NodeOptions())));

    [Fact]
    public void A_message_for_the_default_json_serializer_is_refused_whatever_type_it_names()
    {
        // What Akka's NewtonSoftJsonSerializer (identifier 1) would have turned into a FileInfo pointing at /etc/passwd.
        var payload = Encoding.UTF8.GetBytes("""{"$type":"System.IO.FileInfo, System.Private.CoreLib","OriginalPath":"/etc/passwd"}""");

        var refused = Assert.ThrowsAny<Exception>(() =>
            _system.Serialization.Deserialize(payload, ClosedListGuardSerializer.JsonSerializerId, "System.IO.FileInfo, System.Private.CoreLib"));

        Assert.Contains("only Sweep wire types", refused.Message);
        Assert.IsType<ClosedListGuardSerializer>(_system.Serialization.FindSerializerForType(typeof(object)));
    }

    [Fact]
    public void An_unknown_manifest_for_the_sweep_serializer_is_refused()
    {
        var sweep = _system.Serialization.FindSerializerFor(new ListSweeps());

        var refused = Assert.ThrowsAny<Exception>(() =>
            _system.Serialization.Deserialize("{}"u8.ToArray(), sweep.Identifier, "System.Diagnostics.Process"));

        Assert.Contains("Unknown wire type", refused.Message);
    }

    [Fact]
    public void A_type_outside_the_list_cannot_be_sent()
    {
        Assert.ThrowsAny<Exception>(() => _system.Serialization.FindSerializerFor(new NotOnTheList("x")).ToBinary(new NotOnTheList("x")));
        Assert.ThrowsAny<Exception>(() => _system.Serialization.FindSerializerFor(new Dictionary<string, object>()).ToBinary(new Dictionary<string, object>()));
    }

    [Fact]
    public void A_listed_type_still_crosses_the_wire()
    {
        var message = new ListSweeps();
        var serializer = _system.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);

        var copy = _system.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<ListSweeps>(copy);
    }

    [Fact]
    public void The_Akka_messages_a_client_and_the_nodes_exchange_keep_their_own_serializers()
    {
        // Once these fell back to the json serializer; now a missing binding would be an error on the wire.
        object[] messages =
        [
            new Akka.Cluster.Tools.Client.ClusterClient.Send("/user/gateway", new ListSweeps(), localAffinity: true),
            new Akka.Cluster.Tools.PublishSubscribe.Send("/user/gateway", new ListSweeps(), localAffinity: true),
        ];

        Assert.All(messages, m => Assert.IsNotType<ClosedListGuardSerializer>(_system.Serialization.FindSerializerFor(m)));
    }

    public void Dispose() => _system.Dispose();

    private sealed record NotOnTheList(string Value);
}
