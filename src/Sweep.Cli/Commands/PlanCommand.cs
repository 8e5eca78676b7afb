using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Sweep.Core.Bounds;
using Sweep.Core.Grid;
using Sweep.Core.Lora;
using Sweep.Core.Specs;

namespace Sweep.Cli.Commands;

/// <summary><c>sweep plan spec.yaml</c>: the grid size and every trial, with its id, grid point, seeds and bound.</summary>
public static class PlanCommand
{
    public sealed record Settings(string SpecPath, bool Json);

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var json = CommonOptions.Json();
        var command = new Command("plan", "Print the grid size and the trials a spec would run.") { spec, json };
        command.SetAction(parse => Execute(new Settings(parse.GetValue(spec)!, parse.GetValue(json)), console));
        return command;
    }

    public static int Execute(Settings settings, IAnsiConsole console)
    {
        SweepSpec spec;
        try
        {
            spec = SpecReader.ReadFile(settings.SpecPath);
        }
        catch (SpecValidationException e)
        {
            SpecErrors.Write(console, e, settings.Json);
            return ExitCodes.BadInput;
        }

        var trials = SweepGrid.Expand(spec);
        var sweepId = SpecHash.SweepIdOf(spec);
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(new
            {
                sweep_id = sweepId,
                name = spec.Name,
                parameter_count = spec.Model.ParameterCount,
                trials = trials.Select(t => new
                {
                    trial_id = t.Id.Value,
                    d = t.IntrinsicDimension,
                    seed = t.Seed,
                    learning_rate = t.Training.LearningRate,
                    levels = t.Quantization.Levels,
                    train_size = t.Dataset.TrainSize,
                    epochs = t.Training.Epochs,
                    batch_size = t.Training.BatchSize,
                    seeds = new { projection = t.Seeds.Projection, init = t.Seeds.Init, data = t.Seeds.Data, batch_order = t.Seeds.BatchOrder },
                    bound_nats = QuantizationBound.Compute(t.IntrinsicDimension, t.Quantization.Levels, t.Dataset.TrainSize, spec.Bound.Sigma),
                }),
            }, CommonOptions.JsonOutput));
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"Sweep [bold]{spec.Name}[/] (id {sweepId}): {trials.Count} trials; model {spec.Model.Describe()}, D = {spec.Model.ParameterCount:N0}; σ = {spec.Bound.Sigma}");
        var axes = spec.Grid.ScalarAxes.Select(a => $"{a.Key} × {a.Value.Count}");
        var seeds = spec.Mi is { } mi ? $"mi: {mi.Projections} projection(s) × {mi.TrainingsPerProjection} trainings" : $"seeds × {spec.Grid.Seeds.Count}";
        var main = spec.IsLora ? $"rank × {spec.Grid.Ranks!.Count}, mode × {spec.Grid.Modes!.Count}" : $"d × {spec.Grid.Dimensions.Count}";
        console.MarkupLineInterpolated($"Grid: {main}, {seeds}{string.Concat(axes.Select(a => ", " + a))}");
        if (spec.Mi is not null)
        {
            console.MarkupLineInterpolated($"MI bound: {spec.Mi.Describe()}; seed = p·M + j is training j of projection p");
        }

        // A LoRA trial's d is p, its trained numbers, and its K is 2^q, so sqrt(2σ²·p·ln K / n) is its LoRA bound.
        var table = new Table().AddColumns("trial", spec.IsLora ? "r mode: p" : "d", "seed", "K", "lr", "n", "epochs", "batch", "bound");
        foreach (var t in trials)
        {
            table.AddRow(
                t.Id.Value,
                t.Lora is { } lora ? $"{lora.Settings.Rank} {lora.Settings.Mode.Name()}: {t.IntrinsicDimension}" : t.IntrinsicDimension.ToString(),
                t.Seed.ToString(),
                t.Quantization.Levels.ToString(),
                t.Training.LearningRate.ToString("G4"),
                t.Dataset.TrainSize.ToString(),
                t.Training.Steps is { } s ? s + " steps" : t.Training.Epochs.ToString(),
                t.Training.BatchSize.ToString(),
                QuantizationBound.Compute(t.IntrinsicDimension, t.Quantization.Levels, t.Dataset.TrainSize, spec.Bound.Sigma).ToString("F4"));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
