using System.CommandLine;
using Spectre.Console;
using Sweep.Cli.Commands;

namespace Sweep.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var interruption = new Interruption();
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes: one line per message, not wrapped at a guessed terminal width.
            console.Profile.Width = 240;
        }

        int code;
        try
        {
            code = await Run(args, console, interruption.Token);
        }
        catch (OperationCanceledException) when (interruption.Happened)
        {
            code = ExitCodes.Interrupted;
        }

        if (interruption.Happened && code != ExitCodes.Interrupted)
        {
            console.MarkupLine("[yellow]interrupted[/]");
            code = ExitCodes.Interrupted;
        }

        return code;
    }

    /// <summary>The whole command line, with an injected console so tests can read what it prints.</summary>
    public static Task<int> Run(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Sweep: parallel sweeps of subspace and LoRA training, with information-theoretic generalization bounds.")
        {
            RunCommand.Create(console),
            ValidateCommand.Create(console),
            PlanCommand.Create(console),
            ResumeCommand.Create(console),
            ExtendCommand.Create(console),
            ListCommand.Create(console),
            ResultsCommand.Create(console),
            NodeCommand.Create(console),
            MiCommand.Create(console),
            HomologyCommand.Create(console),
            ClusterCommand.Create(console),
            NodesCommand.Create(console),
            StatusCommand.Create(console),
            TrialsCommand.Create(console),
            PauseCommand.Create(console),
            CancelCommand.Create(console),
            RetryFailedCommand.Create(console),
            DashboardCommand.Create(console),
        };
        root.Options.Add(CommonOptions.TlsCert);
        root.Options.Add(CommonOptions.TlsPasswordFile);
        var parse = root.Parse(args);
        if (UsageErrors.Report(parse, args, console) is { } badInput)
        {
            return Task.FromResult(badInput);
        }

        Hosting.ClientTransport.Source = new Actors.Security.TlsSource(parse.GetValue(CommonOptions.TlsCert), parse.GetValue(CommonOptions.TlsPasswordFile));

        // Signals are ours (Interruption), not System.CommandLine's: one rule from the first instant.
        return parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken);
    }
}
