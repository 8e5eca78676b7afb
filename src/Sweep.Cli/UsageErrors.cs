using System.CommandLine;
using Spectre.Console;

namespace Sweep.Cli;

/// <summary>
/// A command line that does not parse (no command, an unknown command or option, a missing argument, a value that
/// does not parse) is bad input: each error, the command's usage line, exit 2. An unknown option is named as such,
/// before System.CommandLine takes it for the command's argument and blames the next token instead.
/// </summary>
public static class UsageErrors
{
    /// <summary>Reports the parse errors; null when the command line parsed.</summary>
    public static int? Report(ParseResult parse, IReadOnlyList<string> args, IAnsiConsole console)
    {
        if (parse.Errors.Count == 0)
        {
            return null;
        }

        var command = parse.CommandResult.Command;
        var unknown = UnknownOptions(command, args);
        var messages = unknown.Count > 0
            ? unknown.Select(o => $"unknown option '{o}' for '{PathOf(command)}'").ToList()
            : command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count > 0
                ? [$"unknown command '{parse.UnmatchedTokens[0]}' for '{PathOf(command)}'; the commands are: {string.Join(", ", command.Subcommands.Select(c => c.Name))}"]
                : parse.Errors.Select(e => e.Message).Distinct().ToList();
        foreach (var message in messages)
        {
            console.MarkupLineInterpolated($"[red]error[/] {message}");
        }

        console.MarkupLineInterpolated($"usage: {UsageLine(command)}");
        console.MarkupLineInterpolated($"See '{PathOf(command)} --help'.");
        return ExitCodes.BadInput;
    }

    /// <summary><c>sweep run &lt;spec&gt; [options]</c>, <c>sweep cluster [command] [options]</c>.</summary>
    public static string UsageLine(Command command)
    {
        var parts = new List<string> { PathOf(command) };
        if (command.Subcommands.Count > 0)
        {
            parts.Add("[command]");
        }

        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"));
        parts.Add("[options]");
        return string.Join(' ', parts);
    }

    private static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "sweep" : c.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Tokens that look like options (<c>-x</c>, <c>--name</c>, <c>--name=value</c>) and that neither the command nor a parent knows.</summary>
    private static List<string> UnknownOptions(Command command, IReadOnlyList<string> args)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in c.Options)
            {
                known.Add(option.Name);
                known.UnionWith(option.Aliases);
            }
        }

        var unknown = new List<string>();
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            var name = arg.Split('=', 2)[0];
            if (name.Length > 1 && name[0] == '-' && !char.IsDigit(name[1]) && name[1] != '.' && !known.Contains(name))
            {
                unknown.Add(name);
            }
        }

        return unknown;
    }
}
