using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Bounds;

namespace Sweep.Reporting;

/// <summary>
/// Writes a sweep's results folder. Every file is written to a temporary name and moved into place, so a crash
/// leaves either the previous file or the new one, never half of one. The folder can always be rebuilt from the
/// journal, so these files are a view, not the record.
/// </summary>
public static class ResultsFolder
{
    public const string TrialsFile = "trials.csv";
    public const string CurvesFile = "curves.csv";
    public const string SummaryFile = "summary.json";
    public const string PlotPng = "bound-curve.png";
    public const string PlotSvg = "bound-curve.svg";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PathFor(string resultsRoot, string sweepId) => Path.Combine(resultsRoot, sweepId);

    /// <summary>Writes every output of <paramref name="report"/> into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(SweepReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>
        {
            WriteAtomically(folder, TrialsFile, path =>
            {
                using var text = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                TrialsTable.WriteCsv(report, text);
            }),
            WriteAtomically(folder, CurvesFile, path => File.WriteAllText(path, CurvesTable.ToCsv(report))),
            WriteAtomically(folder, SummaryFile, path => File.WriteAllText(path, JsonSerializer.Serialize(Summary(report), Json) + "\n")),
        };
        if (report.IsRateDistortion)
        {
            written.Add(WriteAtomically(folder, RateDistortionTable.File, path => File.WriteAllText(path, RateDistortionTable.ToCsv(report))));
            foreach (var (name, plot) in new[] { ("rate-distortion-lambda", RateDistortionPlot.AgainstLambda(report)), ("rate-distortion-d", RateDistortionPlot.AgainstDimension(report)) })
            {
                written.Add(WriteAtomically(folder, name + ".png", path => plot.SavePng(path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
                written.Add(WriteAtomically(folder, name + ".svg", path => SvgExport.Save(plot, path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
            }
        }
        else if (HasPlot(report.Results.Count))
        {
            var plot = BoundCurvePlot.Build(report);
            written.Add(WriteAtomically(folder, PlotPng, path => plot.SavePng(path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
            written.Add(WriteAtomically(folder, PlotSvg, path => SvgExport.Save(plot, path, BoundCurvePlot.Width, BoundCurvePlot.Height)));
        }

        if (report.TopologyEstimates.Count > 0)
        {
            written.AddRange(Topology.TopologyOutputs.Write(report, folder, WriteAtomically));
        }

        return written;
    }

    /// <summary>The plot needs at least one completed trial; a sweep whose every trial failed has none.</summary>
    public static bool HasPlot(int completedTrials) => completedTrials > 0;

    /// <summary>What <see cref="Write"/> puts in a folder for a sweep with this many completed trials, for the console: "folder/ (trials.csv, ...)".</summary>
    public static string Describe(string folder, int completedTrials) => HasPlot(completedTrials)
        ? $"{folder}/ ({TrialsFile}, {CurvesFile}, {SummaryFile}, {PlotPng}, {PlotSvg})"
        : $"{folder}/ ({TrialsFile}, {CurvesFile}, {SummaryFile}; no plot: no trial completed)";

    public static object Summary(SweepReport report)
    {
        if (report.IsLora)
        {
            return LoraSummary.Of(report);
        }

        var largest = report.Curves.Count == 0 ? null : report.Curves.MaxBy(p => p.X);
        return new
        {
            SweepId = report.SweepId,
            report.Name,
            report.SpecHash,
            Units = "information in nats; errors are 0-1 error rates in [0, 1]",
            Bound = new
            {
                Kind = "quantization",
                Formula = "sqrt(2·σ²·d·ln K / n)",
                report.Sigma,
                Assumptions = QuantizationBound.Assumptions,
            },
            MiTermEstimate = MiBoundSummary.Of(report),
            CmiBound = CmiBoundSummary.Of(report),
            RateDistortion = RateDistortionSummary.Of(report),
            Topology = Topology.TopologyOutputs.Summary(report),
            Trials = TrialCounts(report),
            Checks = new
            {
                BoundAboveGapAtEveryD = report.Curves.Count > 0 && report.Curves.All(p => p.Bound.Mean >= p.Gap.Mean),
                NonVacuousAtLargestD = largest is not null && largest.TestErrorBound.Mean < 1,
                LargestD = largest?.X,
            },
            Curves = CurvesOf(report),
            Baseline = report.Baselines.Select(b => new
            {
                b.Series,
                b.ParameterCount,
                Seeds = b.TestError.Count,
                b.TrainError,
                b.TestError,
                b.Gap,
                b.TestAccuracy,
                LearningRate = report.Results.Where(r => r.IsBaseline && Sweep.Core.Statistics.BoundCurves.SeriesOf(r.Config) == b.Series).Select(r => r.Config.EffectiveTraining.LearningRate).FirstOrDefault(),
                Bound = Sweep.Core.Trials.TrialResult.NoBoundReason,
            }),
            DInt90 = report.DInt90s.Select(x => new
            {
                x.Series,
                Definition = "smallest d whose mean test accuracy reaches 90% of the full-training baseline's mean test accuracy (Li et al. 2018)",
                x.BaselineAccuracy,
                x.Threshold,
                x.Reached,
                x.GridD,
                x.Interpolated,
                x.Note,
            }),
            Failed = report.Failed.Select(f => new { TrialId = f.Config.Id.Value, D = f.Config.IntrinsicDimension, f.Config.Seed, f.Attempts, f.Reason }),
        };
    }

    /// <summary>How many trials the sweep has, and how many are done, failed and missing.</summary>
    internal static object TrialCounts(SweepReport report) => new
    {
        Total = report.TotalTrials,
        Done = report.Results.Count,
        Failed = report.Failed.Count,
        Missing = report.TotalTrials - report.Results.Count - report.Failed.Count,
    };

    /// <summary>Every curve point with its seeds and intervals, as summary.json lists them.</summary>
    internal static IEnumerable<object> CurvesOf(SweepReport report) => report.Curves.Select(p => new
    {
        p.Series,
        p.Axis,
        p.X,
        Seeds = p.TrainError.Count,
        TrainError = p.TrainError,
        TestError = p.TestError,
        p.Gap,
        p.Bound,
        p.TestErrorBound,
        p.MiTermEstimate,
        p.MiNullIndistinguishableFraction,
        p.CmiLossDifferenceBound,
        p.CmiEvaluatedBound,
        p.CmiLossDifferencePlugIn,
        p.SupersampleGap,
        p.CmiNullIndistinguishableGroups,
    });

    private static string WriteAtomically(string folder, string name, Action<string> write)
    {
        var target = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, "." + name + ".tmp" + Path.GetExtension(name));
        write(temporary);
        File.Move(temporary, target, overwrite: true);
        return target;
    }
}
