using System.CommandLine;
using Spectre.Console;
using Sweep.Cli.Commands;

namespace Sweep.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes: one line per message, not wrapped at a guessed terminal width.
            console.Profile.Width = 240;
        }

        return Run(args, console);
    }

    /// <summary>The whole command line, with an injected console so tests can read what it prints.</summary>
    public static Task<int> Run(string[] args, IAnsiConsole console)
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
        };
        return root.Parse(args).InvokeAsync();
    }
}
