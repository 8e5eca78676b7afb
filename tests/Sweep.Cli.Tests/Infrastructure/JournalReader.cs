using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>Reads the events of one sweep straight from the journal table (SQLite or PostgreSQL), as the store holds them.</summary>
internal static class JournalReader
{
    public sealed record StoredEvent(long SequenceNr, string Manifest, JsonElement Body);

    public static IReadOnlyList<StoredEvent> Events(string store, string sweepId)
    {
        using DbConnection db = store.StartsWith("postgres:", StringComparison.Ordinal)
            ? new NpgsqlConnection(store["postgres:".Length..])
            : new SqliteConnection($"Data Source={store["sqlite:".Length..]};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT sequence_number, manifest, message FROM journal WHERE persistence_id = @id ORDER BY sequence_number";
        var id = query.CreateParameter();
        id.ParameterName = "@id";
        id.Value = "sweep-" + sweepId;
        query.Parameters.Add(id);
        using var reader = query.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            var json = Encoding.UTF8.GetString((byte[])reader.GetValue(2));
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), JsonDocument.Parse(json).RootElement.Clone()));
        }

        return events;
    }

    public static IEnumerable<string> TrialIds(this IEnumerable<StoredEvent> events, string manifest) =>
        events.Where(e => e.Manifest == manifest).Select(e => e.Body.GetProperty("TrialId").GetString()!);
}
