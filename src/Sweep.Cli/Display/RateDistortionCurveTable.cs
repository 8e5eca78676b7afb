using System.Globalization;
using Spectre.Console;
using Sweep.Core.Statistics;

namespace Sweep.Cli.Display;

/// <summary>
/// A regularized sweep's rate-distortion points as a terminal table: per λ and d, θ's test error, θ̃'s test error and
/// its certified test-error bound, θ's rate-distortion test-error bound (0-1 loss, by disagreement) and the distortion.
/// </summary>
public static class RateDistortionCurveTable
{
    public static Table Build(IReadOnlyList<RateDistortionPoint> points, double confidence)
    {
        var table = new Table()
            .Title($"rate-distortion · σ = 1/2 (0-1 loss) · mean ± 95% CI over seeds · population disagreement at {confidence:P0} confidence")
            .Border(TableBorder.Simple)
            .AddColumns("λ", "d", "seeds", "test err θ", "test err θ̃", "err bound θ̃", "rd err bound θ", "‖θ−θ̃‖", "test disagree");
        foreach (var p in points)
        {
            table.AddRow(
                p.Lambda.ToString("G4", CultureInfo.InvariantCulture),
                p.D.ToString(CultureInfo.InvariantCulture),
                p.FullTestError.Count.ToString(CultureInfo.InvariantCulture),
                Format(p.FullTestError),
                Format(p.CompressedTestError),
                Vacuous(p.CompressedTestErrorBound),
                Vacuous(p.FullTestErrorBound),
                Format(p.Distortion),
                Format(p.TestDisagreement));
        }

        return table;
    }

    private static string Vacuous(MeanInterval i) => i.Mean < 1 ? Format(i) : "[yellow]" + Format(i) + " vacuous[/]";

    private static string Format(MeanInterval i) => i.Count > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{i.Mean:F3}±{i.High - i.Mean:F3}")
        : i.Mean.ToString("F3", CultureInfo.InvariantCulture);
}
