using Akka.Actor;
using Akka.Serialization;

namespace Sweep.Actors.Serialization;

/// <summary>
/// Takes the place of Akka's default <c>json</c> serializer (identifier 1, Newtonsoft), which would turn any type named
/// in a message's manifest into an object: a remote peer could make this process instantiate whatever type it names.
/// Registered under the same name and identifier, it refuses both ways, so the only user types that cross the wire
/// or enter the journal are those of <see cref="WireTypes"/> (see the <c>serializers</c> section of base.conf).
/// </summary>
public sealed class ClosedListGuardSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Akka passes the <c>serialization-settings.json</c> section of the serializer it replaces; none of it applies.</summary>
    public ClosedListGuardSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings)
        : this(system) => _ = settings;

    /// <summary>The identifier of Akka's <c>NewtonSoftJsonSerializer</c>: a message stamped with it lands here.</summary>
    public const int JsonSerializerId = 1;

    public override int Identifier => JsonSerializerId;

    public override bool IncludeManifest => true;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType().FullName} is not a Sweep wire type; only the types in WireTypes may be sent.");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"Refused a message for Akka's default json serializer ({type?.FullName ?? "no type"}); only Sweep wire types are read from the network.");
}
