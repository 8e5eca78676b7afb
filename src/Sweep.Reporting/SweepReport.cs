using Sweep.Core.Bounds;
using Sweep.Core.Specs;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;

namespace Sweep.Reporting;

/// <summary>Everything a results folder is built from: the sweep's identity and its finished and failed trials.</summary>
public sealed record SweepReport(
    string SweepId,
    string Name,
    string SpecHash,
    double Sigma,
    int TotalTrials,
    IReadOnlyList<TrialResult> Results,
    IReadOnlyList<FailedTrial> Failed)
{
    /// <summary>Results in a stable order (rank and mode for LoRA, d, seed, id), so the CSV is identical however the trials were scheduled.</summary>
    public IReadOnlyList<TrialResult> OrderedResults { get; } = Results
        .OrderBy(r => r.Config.Lora?.Settings.Rank ?? 0)
        .ThenBy(r => r.Config.Lora?.Settings.Mode)
        .ThenBy(r => r.Config.Regularized?.Lambda ?? 0)
        .ThenBy(r => r.Config.IntrinsicDimension)
        .ThenBy(r => r.Config.Seed)
        .ThenBy(r => r.Config.Id.Value, StringComparer.Ordinal)
        .ToList();

    /// <summary>The spec's <c>mi:</c> block, if any.</summary>
    public MiSpec? Mi { get; init; }

    /// <summary>The MI estimates of the groups estimated so far (empty without an mi block).</summary>
    public IReadOnlyList<MiGroupEstimate> MiEstimates { get; init; } = [];

    /// <summary>Groups whose MI estimate failed, with the reason.</summary>
    public IReadOnlyDictionary<string, string> MiFailures { get; init; } = new Dictionary<string, string>();

    /// <summary>The spec's <c>topology:</c> block, if any.</summary>
    public TopologySpec? Topology { get; init; }

    /// <summary>The topology estimates of the groups computed so far (empty without a topology block), in (d, projection) order.</summary>
    public IReadOnlyList<Core.Topology.TopologyGroupEstimate> TopologyEstimates { get; init; } = [];

    /// <summary>Topology groups whose estimate failed, with the reason.</summary>
    public IReadOnlyDictionary<string, string> TopologyFailures { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Against d for a subspace sweep (with the MI bound where groups were estimated), against r (one series per
    /// mode) for a LoRA sweep.
    /// </summary>
    public IReadOnlyList<CurvePoint> Curves => _curves ??= MiBoundCurves.Attach(BoundCurves.For(Results), MiEstimates);

    /// <summary>The full-training baseline of each series that has one (empty without baseline trials).</summary>
    public IReadOnlyList<BaselinePoint> Baselines => _baselines ??= IntrinsicDimension90.Baselines(Results);

    /// <summary>d_int90 of each series with a baseline and points against d.</summary>
    public IReadOnlyList<DInt90> DInt90s => _dInt90s ??= IntrinsicDimension90.Of(Curves, Baselines);

    public bool IsLora => Results.Any(r => r.Config.Lora is not null);

    /// <summary>Individual-sample MI estimates (estimated MI terms, not bounds) are present.</summary>
    public bool HasMiBound => MiEstimates.Any(e => e.Cmi is null);

    /// <summary>Supersample CMI bounds are present.</summary>
    public bool HasCmiBound => MiEstimates.Any(e => e.Cmi is not null);

    /// <summary>A sweep of regularized trials (a rate_distortion block): its outputs add rate-distortion.csv and two plots.</summary>
    public bool IsRateDistortion => Results.Any(r => r.Config.Regularized is not null);

    /// <summary>Per (series, λ, d) of the regularized trials; empty otherwise.</summary>
    public IReadOnlyList<RateDistortionPoint> RateDistortionCurves => _rateDistortion ??= Sweep.Core.Statistics.RateDistortionCurves.For(Results);

    private IReadOnlyList<RateDistortionPoint>? _rateDistortion;

    private IReadOnlyList<CurvePoint>? _curves;
    private IReadOnlyList<BaselinePoint>? _baselines;
    private IReadOnlyList<DInt90>? _dInt90s;
}
