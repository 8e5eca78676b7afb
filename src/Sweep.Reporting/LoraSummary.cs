using Sweep.Core.Bounds;
using Sweep.Core.Lora;
using Sweep.Core.Trials;

namespace Sweep.Reporting;

/// <summary>
/// <c>summary.json</c> of a LoRA rank sweep: the bound's formula, σ, q and assumptions, the pretraining stage, and
/// per mode and rank the test accuracy next to the bound, with the B-only vs A-only comparison.
/// </summary>
internal static class LoraSummary
{
    public static object Of(SweepReport report)
    {
        var results = report.Results.Where(r => r.Config.Lora is not null).ToList();
        var first = results[0].Config.Lora!;
        var largest = report.Curves.MaxBy(p => p.X);
        return new
        {
            SweepId = report.SweepId,
            report.Name,
            report.SpecHash,
            Units = "information in nats; errors and accuracies are rates in [0, 1]",
            Bound = new
            {
                Kind = "lora-quantization",
                Formula = "sqrt(2·σ²·q·ln2·p / n), p = r·Σd_out (B-only), r·Σd_in (A-only), r·Σ(d_in + d_out) (both)",
                report.Sigma,
                Bits = first.Settings.Bits,
                Levels = first.Settings.Levels,
                QuantizationRange = first.Settings.Range,
                Alpha = first.Settings.Alpha is null ? "2r" : first.Settings.Alpha.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AdaptedLayers = first.Settings.Layers is null ? "all linear layers" : string.Join(", ", first.Settings.Layers),
                AdaptedShapes = LoraLayers.Adapted(results[0].Config.Model, first.Settings.Layers).Select(s => $"{s.Outputs}x{s.Inputs}"),
                Assumptions = LoraQuantizationBound.Assumptions,
            },
            Pretraining = new
            {
                Model = first.Pretrain.Model.Describe(),
                first.Pretrain.Classes,
                first.Pretrain.Dataset.TrainSize,
                first.Pretrain.Seed,
                StageHash = first.Pretrain.StageHash(),
            },
            FineTuning = new { first.Settings.Classes, N = results[0].N, TestSize = results[0].Config.Dataset.TestSize },
            Trials = ResultsFolder.TrialCounts(report),
            Checks = new
            {
                BoundAboveGapAtEveryPoint = report.Curves.All(p => p.Bound.Mean >= p.Gap.Mean),
                NonVacuousAtLargestR = largest is not null && largest.TestErrorBound.Mean < 1,
                LargestR = largest?.X,
            },
            PerMode = report.Curves.GroupBy(p => p.Series).Select(g => new
            {
                Mode = g.Key,
                Ranks = g.OrderBy(p => p.X).Select(p => new
                {
                    R = p.X,
                    TrainableParameters = TrainableOf(results, g.Key, (int)p.X),
                    Seeds = p.TestError.Count,
                    TestAccuracy = 1 - p.TestError.Mean,
                    p.Gap,
                    p.Bound,
                    p.TestErrorBound,
                }),
            }),
            Asymmetry = Asymmetry(results),
            Curves = ResultsFolder.CurvesOf(report),
            Failed = report.Failed.Select(f => new
            {
                TrialId = f.Config.Id.Value,
                Rank = f.Config.Lora?.Settings.Rank,
                Mode = f.Config.Lora?.Settings.Mode.Name(),
                f.Config.Seed,
                f.Attempts,
                f.Reason,
            }),
        };
    }

    private static long? TrainableOf(List<TrialResult> results, string series, int rank) =>
        results.FirstOrDefault(r => r.Config.Lora!.Settings.Rank == rank && series.StartsWith(r.Config.Lora.Settings.Mode.Name(), StringComparison.Ordinal))
            ?.Config.Lora!.TrainableParameters;

    /// <summary>Per rank, mean test accuracy of B-only minus A-only (when both ran), and whether B-only ≥ A-only at every rank.</summary>
    private static object? Asymmetry(List<TrialResult> results)
    {
        double? Accuracy(int rank, LoraMode mode)
        {
            var runs = results.Where(r => r.Config.Lora!.Settings.Rank == rank && r.Config.Lora.Settings.Mode == mode).ToList();
            return runs.Count == 0 ? null : runs.Average(r => 1 - r.Metrics.TestError);
        }

        var rows = results.Select(r => r.Config.Lora!.Settings.Rank).Distinct().Order()
            .Select(rank => (Rank: rank, B: Accuracy(rank, LoraMode.BOnly), A: Accuracy(rank, LoraMode.AOnly)))
            .Where(x => x.B is not null && x.A is not null)
            .ToList();
        return rows.Count == 0
            ? null
            : new
            {
                Question = "does B-only fine-tuning reach at least the test accuracy of A-only (Zhu et al. 2024)?",
                BOnlyAtLeastAOnlyAtEveryRank = rows.All(x => x.B >= x.A),
                PerRank = rows.Select(x => new { R = x.Rank, BOnlyTestAccuracy = x.B, AOnlyTestAccuracy = x.A, Difference = x.B - x.A }),
            };
    }
}
