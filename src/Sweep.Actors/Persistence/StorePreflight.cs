using Microsoft.Data.Sqlite;
using Npgsql;
using Sweep.Actors.Hosting;

namespace Sweep.Actors.Persistence;

/// <summary>
/// Checks a store before any actor touches it, so a corrupt, locked or unreachable store gives one clear error
/// instead of a journal failure deep inside a persistent actor. The checks only read: they never create, repair or
/// delete anything.
/// </summary>
public static class StorePreflight
{
    /// <param name="mustExist">A reader, a resume or an extension needs an existing journal; a new sweep may create it.</param>
    /// <param name="forWriting">Also check that a write transaction can start (no other process holds a write lock).</param>
    public static async Task CheckAsync(StoreLocation store, bool mustExist, bool forWriting, CancellationToken cancellationToken)
    {
        if (store.Kind == StoreKind.Sqlite)
        {
            CheckSqlite(store, mustExist, forWriting);
        }
        else
        {
            await CheckPostgresAsync(store, cancellationToken);
        }
    }

    private static void CheckSqlite(StoreLocation store, bool mustExist, bool forWriting)
    {
        var path = store.Target;
        if (!File.Exists(path))
        {
            if (mustExist)
            {
                throw new StoreUnavailableException($"No journal at {path}. Pass the store the sweep ran with (--store sqlite:<file>, or $SWEEP_STORE).");
            }

            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                throw new StoreUnavailableException($"Cannot create the journal {path}: the folder {folder} does not exist.");
            }

            if (!forWriting)
            {
                return;
            }
        }

        var mode = File.Exists(path) ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate;
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, DefaultTimeout = 2, Pooling = false }.ToString();
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

            // Readers too: the journal plugin creates its tables if missing (a write) when it starts, and in WAL mode an
            // exclusive lock does not block reads, so only a write transaction tells whether another process holds one.
            using (var begin = db.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
                begin.ExecuteNonQuery();
            }

            if (forWriting)
            {

                // Write-ahead logging: one append and one fsync per commit instead of a rollback journal's several;
                // a committed event survives a killed process either way. The mode is stored in the file.
                using var wal = db.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new StoreUnavailableException($"The journal {path} is locked by another process ({e.Message.TrimEnd('.')}). Nothing was changed; try again when it is free.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new StoreUnavailableException($"The journal {path} is corrupt or not a SQLite database ({e.Message.TrimEnd('.')}). It was left as it is; restore it from a backup or use another --store.", e);
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
