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
    public sealed record Settings(string SpecPath, bool Json, bool All = false);

    /// <summary>A grid up to this size is listed whole; a larger one shows its total and its first <see cref="Shown"/> trials unless --all.</summary>
    public const int ListedWhole = 50;

    public const int Shown = 20;

    public static Command Create(IAnsiConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The sweep spec (YAML)." };
        var json = CommonOptions.Json();
        var all = new Option<bool>("--all") { Description = $"List every trial of a grid larger than {ListedWhole} (default: the total and the first {Shown})." };
        var command = new Command("plan", "Print the grid size and the trials a spec would run.") { spec, json, all };
        command.SetAction(parse => Execute(new Settings(parse.GetValue(spec)!, parse.GetValue(json), parse.GetValue(all)), console));
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

        var total = GridSize.Count(spec);
        var expanded = SweepGrid.Expand(spec);
        var trials = settings.All || total <= ListedWhole ? expanded : expanded.Take(Shown).ToList();
        var sweepId = SpecHash.SweepIdOf(spec);
        if (settings.Json)
        {
            console.WriteLine(JsonSerializer.Serialize(new
            {
                sweep_id = sweepId.Value,
                name = spec.Name,
                parameter_count = spec.Model.ParameterCount,
                total_trials = total,
                listed_trials = trials.Count,
                trials = trials.Select(t => TrialJson(t, spec.Bound.Sigma)),
            }, CommonOptions.JsonOutput));
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"Sweep [bold]{spec.Name}[/] (id {sweepId}): {total} trials; model {spec.Model.Describe()}, D = {spec.Model.ParameterCount:N0}; σ = {spec.Bound.Sigma}");
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
                t.EffectiveTraining.LearningRate.ToString("G4"),
                t.Dataset.TrainSize.ToString(),
                t.Training.Steps is { } s ? s + " steps" : t.Training.Epochs.ToString(),
                t.Training.BatchSize.ToString(),
                t.Projection.Kind == ProjectionKind.None ? "none (full training)" : QuantizationBound.Compute(t.IntrinsicDimension, t.Quantization.Levels, t.Dataset.TrainSize, spec.Bound.Sigma).ToString("F4"));
        }

        console.Write(table);
        if (trials.Count < total)
        {
            console.MarkupLineInterpolated($"… and {total - trials.Count} more trials ({total} in all); 'sweep plan --all' lists every one.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// One trial as JSON. A LoRA trial has rank, mode, bits and its trained-parameter count p instead of d; seeds are
    /// 64-bit, so they are strings (a JSON reader's doubles keep only 53 bits).
    /// </summary>
    private static Dictionary<string, object?> TrialJson(Core.Trials.TrialConfig t, double sigma)
    {
        var json = new Dictionary<string, object?> { ["trial_id"] = t.Id.Value };
        if (t.Lora is { } lora)
        {
            json["rank"] = lora.Settings.Rank;
            json["mode"] = lora.Settings.Mode.Name();
            json["bits"] = lora.Settings.Bits;
            json["trainable_parameters"] = lora.TrainableParameters;
        }
        else
        {
            json["d"] = t.IntrinsicDimension;
        }

        json["seed"] = t.Seed;
        json["learning_rate"] = t.EffectiveTraining.LearningRate;
        json["levels"] = t.Quantization.Levels;
        json["train_size"] = t.Dataset.TrainSize;
        json["epochs"] = t.Training.Steps is null ? t.Training.Epochs : null;
        json["steps"] = t.Training.Steps;
        json["batch_size"] = t.Training.BatchSize;
        json["seeds"] = new
        {
            projection = t.Seeds.Projection.ToString(System.Globalization.CultureInfo.InvariantCulture),
            init = t.Seeds.Init.ToString(System.Globalization.CultureInfo.InvariantCulture),
            data = t.Seeds.Data.ToString(System.Globalization.CultureInfo.InvariantCulture),
            batch_order = t.Seeds.BatchOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // A full-training baseline trial (d = 0) has no quantized subspace, so no bound.
        json["bound_nats"] = t.Projection.Kind == ProjectionKind.None ? null : QuantizationBound.Compute(t.IntrinsicDimension, t.Quantization.Levels, t.Dataset.TrainSize, sigma);
        return json;
    }
}
