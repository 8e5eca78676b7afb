namespace Sweep.Core.Trials;

/// <summary>A trial that used up its attempts, with the reason of its last failure.</summary>
public sealed record FailedTrial(TrialConfig Config, int Attempts, string Reason);
