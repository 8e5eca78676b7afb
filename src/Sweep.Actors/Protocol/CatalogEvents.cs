using Sweep.Core.Trials;

namespace Sweep.Actors.Protocol;

/// <summary>The coordinator's catalog (persistence id <c>sweep-catalog</c>): a sweep exists in this store.</summary>
public sealed record SweepRegistered(SweepId SweepId, string Name, DateTimeOffset At) : ISweepWire;
