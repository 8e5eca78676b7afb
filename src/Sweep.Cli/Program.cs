using System.CommandLine;
using Spectre.Console;
using Sweep.Cli.Commands;

namespace Sweep.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => Run(args, AnsiConsole.Console);

    /// <summary>The whole command line, with an injected console so tests can read what it prints.</summary>
    public static Task<int> Run(string[] args, IAnsiConsole console)
    {
        var root = new RootCommand("Sweep: parallel sweeps of subspace and LoRA training, with information-theoretic generalization bounds.")
        {
            RunCommand.Create(console),
            ValidateCommand.Create(console),
            PlanCommand.Create(console),
            MiCommand.Create(console),
        };
        return root.Parse(args).InvokeAsync();
    }
}
