using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Trials;

namespace Sweep.Actors.Serialization;

/// <summary>Strongly typed ids travel as plain strings, also as dictionary keys.</summary>
public static class IdConverters
{
    public sealed class TrialIdConverter : JsonConverter<TrialId>
    {
        public override TrialId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, TrialId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

        public override TrialId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TrialId value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value);
    }

    public sealed class SweepIdConverter : JsonConverter<SweepId>
    {
        public override SweepId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, SweepId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
