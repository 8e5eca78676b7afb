using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Sweep.Actors.Serialization;

/// <summary>
/// Serializes every <see cref="Protocol.ISweepWire"/> type as JSON under its <see cref="WireTypes"/> name.
/// Float vectors (w') travel as base64 of little-endian float32, so 100,000 floats take 533 kB, not 1.2 MB.
/// </summary>
public sealed class SweepJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public override int Identifier => 4711;

    public override string Manifest(object o) =>
        WireTypes.NameOf.TryGetValue(o.GetType(), out var name)
            ? name
            : throw new SerializationException($"{o.GetType().FullName} is not a registered wire type.");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        WireTypes.ByName.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"Empty payload for '{manifest}'.")
            : throw new SerializationException($"Unknown wire type '{manifest}'.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            // NaN and ±Infinity are real values here: a running trial's loss before its first heartbeat, a diverged loss.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter(), new FloatArrayBase64Converter(), new IdConverters.TrialIdConverter(), new IdConverters.SweepIdConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

public sealed class SerializationException(string message) : Exception(message);
