using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql package) started for the tests in a temporary data folder, on
/// 127.0.0.1 and a free port, and stopped at the end. As root it runs as the postgres user. When it cannot start,
/// <see cref="Unavailable"/> says why and the tests that need it skip, saying so. Tests run it with fsync off (they
/// test behaviour, not durability against power loss); the benchmarks that link this file turn fsync on.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _bin;
    private readonly string _data;
    private readonly bool _asPostgresUser;
    private readonly bool _fsync;

    /// <summary>fsync off; the one public constructor, as xUnit wants of a fixture.</summary>
    public PostgresServer()
        : this(fsync: false)
    {
    }

    private PostgresServer(bool fsync)
    {
        _fsync = fsync;
        _data = Path.Combine(Path.GetTempPath(), "sweep-pg-" + Guid.NewGuid().ToString("N")[..8]);
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        _asPostgresUser = Environment.UserName == "root";
        try
        {
            Start();
        }
        catch (Exception e)
        {
            Unavailable = e.Message;
            Console.Error.WriteLine($"PostgreSQL tests will SKIP: {e.Message}");
        }
    }

    /// <summary>A server with fsync on, for benchmarks of durable writes.</summary>
    public static PostgresServer Durable() => new(fsync: true);

    public int Port { get; private set; }

    /// <summary>Null when the server runs; else why it could not start.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>A fresh, empty database on the server, as a <c>--store</c> value.</summary>
    public string NewStore()
    {
        var name = "sweep_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=sweep;Database=postgres");
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        create.ExecuteNonQuery();
        return $"postgres:Host=127.0.0.1;Port={Port};Username=sweep;Database={name}";
    }

    public void Dispose()
    {
        if (Unavailable is null)
        {
            Run("pg_ctl", "-D", _data, "-m", "immediate", "stop");
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Start()
    {
        if (_bin is null)
        {
            throw new InvalidOperationException("no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)");
        }

        Directory.CreateDirectory(_data);
        if (_asPostgresUser)
        {
            Run("/bin/chown", "postgres:postgres", _data);
        }

        Port = FreePort();
        Run("initdb", "-D", _data, "-U", "sweep", "-A", "trust", "--no-sync", "-E", "UTF8");
        Run("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_data} -c fsync={(_fsync ? "on" : "off")} -c max_connections=200", "start");
    }

    private void Run(string tool, params string[] args)
    {
        var path = tool.StartsWith('/') ? tool : Path.Combine(_bin!, tool);
        var info = _asPostgresUser && !tool.StartsWith('/') ? new ProcessStartInfo("runuser") : new ProcessStartInfo(path);
        if (_asPostgresUser && !tool.StartsWith('/'))
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(path);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {error.Trim()} {output.Result.Trim()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
