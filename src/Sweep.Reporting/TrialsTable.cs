using Sweep.Core.Trials;
using static Sweep.Reporting.CsvText;

namespace Sweep.Reporting;

/// <summary>
/// <c>trials.csv</c>: one row per finished trial with every grid value, seed, metric and bound. Wall time is left
/// out on purpose, so the same spec gives a byte-identical file. Information in nats; errors in [0,1]. The LoRA
/// columns come last, only in a sweep with LoRA trials; for a LoRA trial, d is p and levels is 2^q. A regularized
/// sweep's metric columns describe the compressed network θ̃, and its rate-distortion columns come last. A full-training
/// baseline row has projection "none" and d = 0, and its bound column says why it has no bound.
/// </summary>
public static class TrialsTable
{
    public static readonly IReadOnlyList<string> SubspaceHeader =
    [
        "trial_id", "d", "seed", "learning_rate", "levels", "train_size", "epochs", "steps_setting", "batch_size",
        "model", "parameter_count", "projection", "optimizer", "quantization_range", "quantization_aware",
        "projection_seed", "init_seed", "data_seed", "batch_order_seed",
        "train_loss", "train_error", "test_loss", "test_error", "train_error_unquantized", "steps", "w_prime_norm",
        "clipped_fraction", "gap", "information_nats", "sigma", "bound", "test_error_bound",
    ];

    public static readonly IReadOnlyList<string> Header = [.. SubspaceHeader, .. LoraColumns.Header];

    public static string ToCsv(SweepReport report) => report.IsLora
        ? Build(Header, report.OrderedResults.Select(r => (IReadOnlyList<string>)[.. Row(r), .. LoraColumns.Row(r.Config)]))
        : report.IsRateDistortion
            ? Build([.. SubspaceHeader, .. RateDistortionTable.TrialHeader], report.OrderedResults.Select(r => (IReadOnlyList<string>)[.. Row(r), .. RateDistortionTable.TrialRow(r)]))
            : Build(SubspaceHeader, report.OrderedResults.Select(Row));

    private static IReadOnlyList<string> Row(TrialResult r)
    {
        var c = r.Config;
        var m = r.Metrics;
        return
        [
            c.Id.Value, Number(c.IntrinsicDimension), Number(c.Seed), Number(c.EffectiveTraining.LearningRate),
            Number(c.Quantization.Levels), Number(c.Dataset.TrainSize), Number(c.Training.Epochs),
            c.Training.Steps is { } steps ? Number(steps) : "", Number(c.Training.BatchSize),
            c.Model.Describe(), Number(m.ParameterCount), c.Projection.Kind.ToString().ToLowerInvariant(),
            c.Training.Optimizer.ToString().ToLowerInvariant(), Number(c.Quantization.Range), c.Quantization.Aware ? "true" : "false",
            Number(c.Seeds.Projection), Number(c.Seeds.Init), Number(c.Seeds.Data), Number(c.Seeds.BatchOrder),
            Number(m.TrainLoss), Number(m.TrainError), Number(m.TestLoss), Number(m.TestError),
            Number(m.TrainErrorUnquantized), Number(m.Steps), Number(m.WPrimeNorm), Number(m.ClippedFraction),
            Number(r.Gap), r.IsBaseline ? "" : Number(r.InformationNats), Number(r.Sigma),
            r.IsBaseline ? TrialResult.NoBoundReason : Number(r.QuantizationBoundValue), r.IsBaseline ? "" : Number(r.TestErrorBound),
        ];
    }
}
