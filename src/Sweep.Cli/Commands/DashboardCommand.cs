using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Actors.Persistence;
using Sweep.Cli.Hosting;
using Sweep.Dashboard;
using Sweep.Dashboard.Sources;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep dashboard [--contact &lt;address&gt; | --store &lt;store&gt;] [--port N] [--host 127.0.0.1]</c>: the web
/// dashboard of a running cluster (through a node's gateway, as the cluster commands reach it) or of a journal read
/// directly (finished and interrupted sweeps), until Ctrl-C. Off loopback it needs a token: from --token-file, else
/// $SWEEP_DASHBOARD_TOKEN, else a fresh one, printed in the link. Read-only unless --allow-control.
/// </summary>
public static class DashboardCommand
{
    public sealed record Settings(string? Contact, string? Store, string Host, int Port, string? TokenFile, bool AllowControl);

    public static Command Create(IAnsiConsole console)
    {
        var contact = new Option<string?>("--contact") { Description = "A node of a running cluster: akka.tcp://sweep@host:port or host:port (default: $SWEEP_CLUSTER when set)." };
        var store = new Option<string?>("--store") { Description = "Read this journal directly instead: sqlite:<file> or postgres:<connection string> (default without a cluster: $SWEEP_STORE, else sqlite:" + StoreLocation.DefaultSqliteFile + ")." };
        var host = new Option<string>("--host") { Description = "The address to listen on (default 127.0.0.1; any other needs a token).", DefaultValueFactory = _ => DashboardOptions.DefaultHost };
        var port = new Option<int>("--port") { Description = $"The port (default {DashboardOptions.DefaultPort}; 0: a free one).", DefaultValueFactory = _ => DashboardOptions.DefaultPort };
        var tokenFile = new Option<string?>("--token-file") { Description = "A file whose first line is the token (else $" + DashboardOptions.TokenVariable + ", else off loopback a fresh one)." };
        var allowControl = new Option<bool>("--allow-control") { Description = "Show pause, resume and cancel buttons (default: read-only)." };
        var command = new Command("dashboard", "A web dashboard of the sweeps: progress, bound curves as they form, trials, nodes. Runs until Ctrl-C.")
        {
            contact, store, host, port, tokenFile, allowControl,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(contact), parse.GetValue(store), parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(tokenFile), parse.GetValue(allowControl)),
            console,
            ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (settings.Contact is not null && settings.Store is not null)
        {
            console.MarkupLine("[red]error[/] --contact and --store do not go together: a dashboard shows one cluster or one journal.");
            return ExitCodes.BadInput;
        }

        DashboardOptions options;
        try
        {
            options = new DashboardOptions(settings.Host, settings.Port, Token(settings), settings.AllowControl);
            options.Validate();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.BadInput;
        }

        var contact = settings.Contact ?? (settings.Store is null ? Environment.GetEnvironmentVariable("SWEEP_CLUSTER") is { Length: > 0 } env ? env : null : null);
        if (contact is not null)
        {
            return await ClusterCall.RunAsync(
                console,
                contact,
                connection => ServeAsync(console, new ClusterSource(connection.Coordinator, connection.Contact, inProcess: false), options, cancellationToken),
                cancellationToken,
                new Actors.Protocol.GetClusterState());
        }

        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(settings.Store ?? Environment.GetEnvironmentVariable("SWEEP_STORE") ?? "sqlite:" + StoreLocation.DefaultSqliteFile);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --store: {e.Message}");
            return ExitCodes.BadInput;
        }

        StoreSession session;
        try
        {
            session = await StoreSession.OpenForReadingAsync(location, "results", cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.Unreachable;
        }

        await using (session)
        {
            return await ServeAsync(console, new JournalSource(session.Node.Coordinator, location), options, cancellationToken);
        }
    }

    /// <summary>Serves until Ctrl-C; exit 0 then, 2 when the port cannot be had.</summary>
    public static async Task<int> ServeAsync(IAnsiConsole console, IDashboardSource source, DashboardOptions options, CancellationToken cancellationToken)
    {
        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(source, options, cancellationToken);
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] cannot listen on {options.Host}:{options.Port}: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (server)
        {
            console.MarkupLineInterpolated($"source   {source.Describe}");
            console.MarkupLineInterpolated($"dashboard {server.Link}");
            console.MarkupLine(options.AllowControl && source.CanControl ? "[yellow]control on[/]: the page can pause, resume and cancel sweeps." : "[grey]read-only; Ctrl-C stops the dashboard.[/]");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>From --token-file, else the environment; off loopback, else a fresh one.</summary>
    private static string? Token(Settings settings)
    {
        if (settings.TokenFile is not null)
        {
            var line = File.ReadLines(settings.TokenFile).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(line) ? throw new ArgumentException($"--token-file {settings.TokenFile}: the first line is empty.") : line;
        }

        if (Environment.GetEnvironmentVariable(DashboardOptions.TokenVariable) is { Length: > 0 } token)
        {
            return token.Trim();
        }

        return new DashboardOptions(settings.Host).IsLoopback ? null : DashboardOptions.NewToken();
    }
}
