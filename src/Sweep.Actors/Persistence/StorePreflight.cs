using Microsoft.Data.Sqlite;
using Npgsql;
using Sweep.Actors.Hosting;

namespace Sweep.Actors.Persistence;

/// <summary>
/// Checks a store before any actor touches it, so a corrupt, locked, read-only or unreachable store gives one clear
/// error instead of a journal failure deep inside a persistent actor. Nothing is repaired or deleted; a reader never
/// creates or changes a file.
/// </summary>
public static class StorePreflight
{
    /// <summary>
    /// For a writer: checks that the journal can be written, takes the writer lock (on the file itself), then checks
    /// the database. A new journal is created empty, and removed again if a check fails.
    /// </summary>
    /// <param name="mustExist">A resume or an extension needs an existing journal; a new sweep may create it.</param>
    public static async Task<StoreLock> OpenForWritingAsync(StoreLocation store, bool mustExist, CancellationToken cancellationToken)
    {
        if (store.Kind != StoreKind.Sqlite)
        {
            await CheckPostgresAsync(store, cancellationToken);
            return StoreLock.Acquire(store);
        }

        var path = store.Target;
        var created = false;
        if (!File.Exists(path))
        {
            if (mustExist)
            {
                throw Missing(path);
            }

            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                throw new StoreUnavailableException($"Cannot create the journal {path}: the folder {folder} does not exist.");
            }
        }

        if (JournalFile.WhyNotWritable(path) is { } why)
        {
            throw new StoreUnavailableException($"Cannot write to the journal: {why}. Nothing was changed; 'sweep list' and 'sweep results' can still read it, or use another --store.");
        }

        if (!File.Exists(path))
        {
            try
            {
                new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
                created = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!File.Exists(path))
                {
                    throw new StoreUnavailableException($"Cannot create the journal {path}: {e.Message}", e);
                }
            }
        }

        StoreLock? writerLock = null;
        try
        {
            writerLock = StoreLock.Acquire(store);
            CheckSqlite(store, SqliteOpenMode.ReadWrite, forWriting: true);
            return writerLock;
        }
        catch
        {
            writerLock?.Dispose();
            if (created && new FileInfo(path) is { Exists: true, Length: 0 })
            {
                File.Delete(path);
            }

            throw;
        }
    }

    /// <summary>
    /// For a reader (list, results): the store as this process must open it, and the reader's hold on it. Beside a
    /// live writer, or after a crash (a <c>-wal</c> is there), the journal is read through read-only connections;
    /// when nobody writes it, as immutable (no <c>-wal</c> or <c>-shm</c> is created, so a read-only folder works);
    /// an empty journal (an empty file, or no tables) is not opened at all.
    /// </summary>
    public static async Task<(StoreLocation Store, StoreLock Hold)> OpenForReadingAsync(StoreLocation store, CancellationToken cancellationToken)
    {
        if (store.Kind != StoreKind.Sqlite)
        {
            await CheckPostgresAsync(store, cancellationToken);
            return (store, StoreLock.AcquireShared(store));
        }

        var path = store.Target;
        if (!File.Exists(path))
        {
            throw Missing(path);
        }

        var hold = StoreLock.AcquireShared(store);
        try
        {
            if (new FileInfo(path).Length == 0)
            {
                return (store with { Access = StoreAccess.Empty }, hold);
            }

            var access = hold.WriterAlive || File.Exists(path + "-wal") ? StoreAccess.ReadOnly : StoreAccess.Immutable;
            var reading = store with { Access = access };
            var hasTables = CheckSqlite(reading, SqliteOpenMode.ReadOnly, forWriting: false);
            return (hasTables ? reading : store with { Access = StoreAccess.Empty }, hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    private static StoreUnavailableException Missing(string path) =>
        new($"No journal at {path}. Pass the store the sweep ran with (--store sqlite:<file>, or $SWEEP_STORE).");

    /// <summary>Runs SQLite's quick check (and, for a writer, takes and drops a write lock and sets WAL); true when the journal has its tables.</summary>
    private static bool CheckSqlite(StoreLocation store, SqliteOpenMode mode, bool forWriting)
    {
        var path = store.Target;
        var connection = store.Access == StoreAccess.Immutable
            ? store.ConnectionString + ";Pooling=False"
            : new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, DefaultTimeout = 2, Pooling = false }.ToString();
        try
        {
            using var db = new SqliteConnection(connection);
            db.Open();
            using (var check = db.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check;";
                var verdict = check.ExecuteScalar() as string;
                if (verdict != "ok")
                {
                    throw new StoreUnavailableException($"The journal {path} is corrupt (SQLite quick_check: {verdict}). It was left as it is; restore it from a backup or use another --store.");
                }
            }

            if (forWriting)
            {
                // In WAL mode an exclusive lock does not block reads, so only a write transaction tells whether
                // another process (not a sweep writer: those meet the file lock) holds one.
                using (var begin = db.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
                    begin.ExecuteNonQuery();
                }

                // Write-ahead logging: one append and one fsync per commit instead of a rollback journal's several;
                // a committed event survives a killed process either way. The mode is stored in the file.
                using var wal = db.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            using var tables = db.CreateCommand();
            tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal';";
            return (long)tables.ExecuteScalar()! > 0;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new StoreUnavailableException($"The journal {path} is locked by another process ({e.Message.TrimEnd('.')}). Nothing was changed; try again when it is free.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new StoreUnavailableException($"The journal {path} is corrupt or not a SQLite database ({e.Message.TrimEnd('.')}). It was left as it is; restore it from a backup or use another --store.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 8 or 14) // SQLITE_READONLY, SQLITE_CANTOPEN
        {
            throw new StoreUnavailableException($"Cannot open the journal {path}: {e.Message} (a reader of a journal with a -wal file needs its -shm file, or a folder it may create it in).", e);
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException($"Cannot open the journal {path}: {e.Message}", e);
        }
    }

    private static async Task CheckPostgresAsync(StoreLocation store, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(store.Target);
        }
        catch (ArgumentException e)
        {
            throw new StoreUnavailableException($"The PostgreSQL connection string is malformed: {e.Message}", e);
        }

        if (!store.Target.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }

        var where = $"{builder.Host}:{builder.Port} (database {builder.Database})";
        try
        {
            await using var db = new NpgsqlConnection(builder.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var ping = new NpgsqlCommand("SELECT 1", db);
            await ping.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new StoreUnavailableException($"Cannot reach PostgreSQL at {where}: {e.Message}", e);
        }
    }
}
