using Sweep.Core.Lora;
using Sweep.Core.Trials;

namespace Sweep.Core.Statistics;

public static partial class BoundCurves
{
    /// <summary>Curves on the axis the results were swept on: r for LoRA trials, else d.</summary>
    public static IReadOnlyList<CurvePoint> For(IReadOnlyCollection<TrialResult> results) =>
        results.Any(r => r.Config.Lora is not null) ? AgainstRank(results) : AgainstDimension(results);

    /// <summary>
    /// LoRA curves: for each rank r, one series per mode (named by the mode, e.g. "B-only"; with the other settings
    /// appended when a scalar axis varies too), the mean and 95% CI over seeds. Subspace results are left out.
    /// </summary>
    public static IReadOnlyList<CurvePoint> AgainstRank(IReadOnlyCollection<TrialResult> results)
    {
        var lora = results.Where(r => r.Config.Lora is not null).ToList();
        var otherSettingsVary = lora.Select(r => SeriesOf(r.Config)).Distinct().Count() > 1;
        string Series(TrialResult r) => r.Config.Lora!.Settings.Mode.Name() + (otherSettingsVary ? " " + SeriesOf(r.Config) : "");
        return lora
            .GroupBy(r => (Series: Series(r), Mode: r.Config.Lora!.Settings.Mode, X: r.Config.Lora!.Settings.Rank))
            .OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.X)
            .Select(g => Point(g.Key.Series, "r", g.Key.X, g.ToList()))
            .ToList();
    }
}
