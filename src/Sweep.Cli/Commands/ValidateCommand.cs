using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep validate spec.yaml</c>: checks a spec; every error names the file, line and field (exit 2).</summary>
public static class ValidateCommand
{
    public sealed record Settings(string SpecPath, bool Json);

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check a sweep spec without running it.") { spec, json };
        command.SetAction(parse => Execute(new Settings(parse.GetValue(spec)!, parse.GetValue(json)), console));
        return command;
    }

    public static int Execute(Settings settings, IAnsiConsole console)
    {
        try
        {
            var spec = SpecReader.ReadFile(settings.SpecPath, trainsHere: true);
            var trials = SweepGrid.Expand(spec).Count;
            if (settings.Json)
            {
                console.WriteLine(JsonSerializer.Serialize(new { valid = true, file = settings.SpecPath, name = spec.Name, trials }, CommonOptions.JsonOutput));
            }
            else
            {
                console.MarkupLineInterpolated($"[green]ok[/] {settings.SpecPath}: sweep '{spec.Name}', {trials} trials, model {spec.Model.Describe()} (D = {spec.Model.ParameterCount:N0})");
            }

            return ExitCodes.Ok;
        }
        catch (SpecValidationException e)
        {
            SpecErrors.Write(console, e, settings.Json);
            return ExitCodes.BadInput;
        }
    }
}

/// <summary>Prints spec errors, one per line as <c>file:line:column: field: message</c>, or as JSON.</summary>
public static class SpecErrors
{
    public static void Write(IAnsiConsole console, SpecValidationException e, bool json)
    {
        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(
                new { valid = false, errors = e.Errors.Select(x => new { file = x.File, line = x.Line, column = x.Column, field = x.Field, message = x.Message }) },
                CommonOptions.JsonOutput));
            return;
        }

        foreach (var error in e.Errors)
        {
            console.MarkupLineInterpolated($"[red]error[/] {error.ToString()}");
        }

        console.MarkupLineInterpolated($"{e.Errors.Count} error(s); nothing was written.");
    }
}
