using Akka.Configuration;

namespace Sweep.Actors.Hosting;

public enum StoreKind { Sqlite, Postgres }

/// <summary>How a process opens a SQLite journal.</summary>
public enum StoreAccess
{
    /// <summary>A writer (run, resume, extend, a coordinator node): creates the tables if missing.</summary>
    ReadWrite,

    /// <summary>A reader beside a live writer or after a crash (a <c>-wal</c> exists): read-only connections, no table creation.</summary>
    ReadOnly,

    /// <summary>A reader of a journal nobody writes (no writer lock, no <c>-wal</c>): SQLite's immutable mode, which creates no <c>-wal</c> or <c>-shm</c>, so it works in a read-only folder and changes nothing.</summary>
    Immutable,

    /// <summary>A reader of an empty journal (an empty file, or no tables yet): nothing to read, so the node gets an in-memory journal and the file is never opened by SQLite.</summary>
    Empty,
}

/// <summary>
/// Where the journal lives: <c>sqlite:&lt;file&gt;</c> (the embedded default) or <c>postgres:&lt;connection string&gt;</c>.
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string Target)
{
    public const string DefaultSqliteFile = "sweep-journal.db";

    public static StoreLocation Default => new(StoreKind.Sqlite, DefaultSqliteFile);

    /// <summary>How this process opens the store (readers are downgraded by the preflight check).</summary>
    public StoreAccess Access { get; init; } = StoreAccess.ReadWrite;

    /// <summary>Parses <c>sqlite:path</c>, <c>postgres:Host=..;...</c>, or a bare path (SQLite).</summary>
    /// <exception cref="FormatException">Empty, or a scheme other than sqlite: and postgres: (<c>sqllite:typo.db</c>).</exception>
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

        if (!text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) && SchemeOf(text) is { } scheme)
        {
            // A typo of a scheme would otherwise become a file named "sqllite:typo.db" in the working folder.
            throw new FormatException($"unknown store scheme '{scheme}:' in '{text}'; use sqlite:<file> or postgres:<connection string> (a file whose name has a colon: sqlite:{text}).");
        }

        var path = text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? text["sqlite:".Length..] : text;
        return string.IsNullOrWhiteSpace(path)
            ? throw new FormatException("sqlite: needs a file path, e.g. sqlite:sweep-journal.db")
            : new StoreLocation(StoreKind.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>The connection string for linq2db.</summary>
    public string ConnectionString => (Kind, Access) switch
    {
        (StoreKind.Postgres, _) => Target,
        (_, StoreAccess.ReadOnly) => $"Data Source={Target};Mode=ReadOnly;Default Timeout=30",
        (_, StoreAccess.Immutable) => $"Data Source=file:{Uri.EscapeDataString(Target).Replace("%2F", "/", StringComparison.Ordinal)}?immutable=1;Mode=ReadOnly",
        _ => $"Data Source={Target};Default Timeout=30",
    };

    /// <summary>What to show the user (passwords removed).</summary>
    public string Describe() => Kind == StoreKind.Sqlite
        ? "sqlite:" + Target
        : "postgres:" + string.Join(';', Target.Split(';').Where(p => !HasPassword(p)));

    /// <summary>Whether <see cref="Describe"/> left something out that a command needs (a PostgreSQL password).</summary>
    public bool DescriptionOmitsSecrets => Kind == StoreKind.Postgres && Target.Split(';').Any(HasPassword);

    public Config ToConfig()
    {
        if (Access == StoreAccess.Empty)
        {
            // Nothing to recover: in-memory plugins, so SQLite never opens (or grows) the empty file.
            return ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """);
        }

        var file = Kind == StoreKind.Sqlite ? "sqlite.conf" : "postgres.conf";
        var connection = SweepSettings.Quote(ConnectionString);
        var readOnly = Access == StoreAccess.ReadWrite
            ? ""
            : "\nakka.persistence.journal.sql.auto-initialize = off\nakka.persistence.snapshot-store.sql.auto-initialize = off";
        return ConfigurationFactory.ParseString(
                $"akka.persistence.journal.sql.connection-string = {connection}\nakka.persistence.snapshot-store.sql.connection-string = {connection}{readOnly}")
            .WithFallback(ClusterConfigFiles.Load(file));
    }

    private static bool HasPassword(string part) => part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>The scheme of a text that looks like <c>scheme:rest</c> (two or more letters, so a drive letter is a path).</summary>
    private static string? SchemeOf(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon >= 2 && text[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(text[0])
            ? text[..colon]
            : null;
    }
}
