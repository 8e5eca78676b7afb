namespace Sweep.Core.RateDistortion;

/// <summary>
/// The regularized part of a trial: <see cref="Lambda"/> weighs the compressibility penalty λ·‖(I − P_Θ)(θ − θ0)‖²,
/// <see cref="LossCap"/> is B (nats) of the surrogate loss min(CE, B)/B used by the Lipschitz form of the bound,
/// <see cref="Confidence"/> is the level of the population disagreement's upper limit, and <see cref="Lipschitz"/> a
/// constant given in the spec (null: derived per trial where a derivation applies).
/// </summary>
public sealed record RegularizedTrialConfig(double Lambda, double LossCap, double Confidence, double? Lipschitz = null);
