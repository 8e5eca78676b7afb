using Spectre.Console;
using Sweep.Actors.Hosting;
using Sweep.Cli.Hosting;
using Sweep.Core.Trials;

namespace Sweep.Cli;

/// <summary>The arguments several commands parse the same way: null when malformed, with the reason said on the console (the command exits 2).</summary>
public static class ParsedArguments
{
    /// <summary>A <c>--store</c> value.</summary>
    public static StoreLocation? Store(IAnsiConsole console, string value)
    {
        try
        {
            return StoreLocation.Parse(value);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] --store: {e.Message}");
            return null;
        }
    }

    /// <summary>The sweep a command on an existing sweep names (an id or a results folder), and its store (<see cref="SweepReference.Resolve"/>).</summary>
    public static (SweepId Id, StoreLocation Store)? Sweep(IAnsiConsole console, string argument, string? store)
    {
        try
        {
            return SweepReference.Resolve(argument, store);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return null;
        }
    }
}
