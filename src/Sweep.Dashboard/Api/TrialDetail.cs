using Sweep.Core.Trials;
using Sweep.Dashboard.Model;

namespace Sweep.Dashboard.Api;

/// <summary>One trial in full: its view, its configuration and seeds, and once done its metrics and bound.</summary>
public static class TrialDetail
{
    public static object Of(SweepBook book, TrialView view)
    {
        var config = book.ConfigOf(view.TrialId)!;
        var result = book.ResultOf(view.TrialId);
        return new
        {
            trial = view,
            // 64-bit seeds as strings: JavaScript numbers would round them.
            seeds = new { trial = config.Seed, projection = Text(config.Seeds.Projection), init = Text(config.Seeds.Init), data = Text(config.Seeds.Data), batch_order = Text(config.Seeds.BatchOrder) },
            settings = new
            {
                d = config.IntrinsicDimension,
                dataset = new { kind = config.Dataset.Kind.ToString(), train_size = config.Dataset.TrainSize, test_size = config.Dataset.TestSize },
                model = config.Model.Describe(),
                parameters = config.Model.ParameterCount,
                projection = config.Projection.Kind.ToString(),
                quantization = new { levels = config.Quantization.Levels, range = config.Quantization.Range, aware = config.Quantization.Aware },
                training = new
                {
                    optimizer = config.Training.Optimizer.ToString(),
                    learning_rate = config.EffectiveTraining.LearningRate,
                    epochs = config.Training.Epochs,
                    steps = config.Training.Steps,
                    batch_size = config.Training.BatchSize,
                },
                lora = config.Lora is { } lora ? new { rank = lora.Settings.Rank, mode = lora.Settings.Mode.ToString(), bits = lora.Settings.Bits } : null,
            },
            metrics = result?.Metrics,
            bound = result is null ? null : new
            {
                information_nats = result.InformationNats,
                sigma = result.Sigma,
                n = result.N,
                bound = result.IsBaseline ? (object)TrialResult.NoBoundReason : result.QuantizationBoundValue,
                test_error_bound = result.IsBaseline ? (object)TrialResult.NoBoundReason : result.TestErrorBound,
                gap = result.Gap,
            },
        };
    }

    private static string Text(long seed) => seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
