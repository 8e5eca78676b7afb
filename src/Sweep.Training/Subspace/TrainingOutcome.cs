using Sweep.Core.Trials;

namespace Sweep.Training.Subspace;

/// <summary>What a finished training run returns: its metrics and the quantized w' it ended with.</summary>
public sealed record TrainingOutcome(TrainingMetrics Metrics, float[] WPrime);

/// <summary>A progress report: <see cref="Step"/> of <see cref="TotalSteps"/> done, with that step's minibatch loss (nats).</summary>
public readonly record struct TrainingProgress(int Step, int TotalSteps, double Loss);
