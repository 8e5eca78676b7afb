using Akka.Configuration;

namespace Sweep.Actors.Hosting;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// Where the journal lives: <c>sqlite:&lt;file&gt;</c> (the embedded default) or <c>postgres:&lt;connection string&gt;</c>.
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string Target)
{
    public const string DefaultSqliteFile = "sweep-journal.db";

    public static StoreLocation Default => new(StoreKind.Sqlite, DefaultSqliteFile);

    /// <summary>Parses <c>sqlite:path</c>, <c>postgres:Host=..;...</c>, or a bare path (SQLite).</summary>
    public static StoreLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("The store is empty; use sqlite:<file> or postgres:<connection string>.");
        }

        if (text.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            var connection = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return string.IsNullOrWhiteSpace(connection)
                ? throw new FormatException("postgres: needs a connection string, e.g. postgres:Host=127.0.0.1;Port=5432;Database=sweep;Username=sweep;Password=sweep")
                : new StoreLocation(StoreKind.Postgres, connection);
        }

        var path = text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? text["sqlite:".Length..] : text;
        return string.IsNullOrWhiteSpace(path)
            ? throw new FormatException("sqlite: needs a file path, e.g. sqlite:sweep-journal.db")
            : new StoreLocation(StoreKind.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>The connection string for linq2db.</summary>
    public string ConnectionString => Kind == StoreKind.Sqlite ? $"Data Source={Target};Default Timeout=30" : Target;

    /// <summary>What to show the user (passwords removed).</summary>
    public string Describe() => Kind == StoreKind.Sqlite
        ? "sqlite:" + Target
        : "postgres:" + string.Join(';', Target.Split(';').Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));

    public Config ToConfig()
    {
        var file = Kind == StoreKind.Sqlite ? "sqlite.conf" : "postgres.conf";
        var connection = SweepSettings.Quote(ConnectionString);
        return ConfigurationFactory.ParseString(
                $"akka.persistence.journal.sql.connection-string = {connection}\nakka.persistence.snapshot-store.sql.connection-string = {connection}")
            .WithFallback(ClusterConfigFiles.Load(file));
    }
}
