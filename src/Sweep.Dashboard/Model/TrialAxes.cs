using System.Globalization;
using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Dashboard.Model;

/// <summary>A trial's grid coordinates by axis name, for filtering: d (or r and mode for LoRA), seed, and every swept scalar axis.</summary>
public static class TrialAxes
{
    public static IReadOnlyList<string> Names(SweepSpec spec) =>
    [
        .. spec.IsLora ? new[] { "r", "mode" } : ["d"],
        "seed",
        .. spec.Grid.ScalarAxes.Keys.Order(StringComparer.Ordinal),
    ];

    public static IReadOnlyDictionary<string, string> Of(SweepSpec spec, TrialConfig config)
    {
        var axes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.Lora is { } lora)
        {
            axes["r"] = Number(lora.Settings.Rank);
            axes["mode"] = lora.Settings.Mode.Name();
        }
        else
        {
            axes["d"] = config.Projection.Kind == ProjectionKind.None ? "full" : Number(config.IntrinsicDimension);
        }

        axes["seed"] = Number(config.Seed);
        foreach (var axis in spec.Grid.ScalarAxes.Keys)
        {
            double? value = axis switch
            {
                ScalarAxis.LearningRate => config.Training.LearningRate,
                ScalarAxis.Epochs => config.Training.Epochs,
                ScalarAxis.BatchSize => config.Training.BatchSize,
                ScalarAxis.Levels => config.Quantization.Levels,
                ScalarAxis.TrainSize => config.Dataset.TrainSize,
                _ => null,
            };
            axes[axis] = value is null ? "?" : Number(value.Value);
        }

        return axes;
    }

    private static string Number(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
