using Sweep.Actors.Protocol;
using Sweep.Core.Trials;

namespace Sweep.Actors.Aggregation;

// Published on the node's event stream by a sweep's aggregator (in-process; never serialized).

/// <summary>Published when a sweep has no trial left to run and its outputs are written.</summary>
public sealed record SweepOutputsWritten(SweepId SweepId, string Folder, SweepStatus Status);

/// <summary>Published when a sweep's results folder could not be written.</summary>
public sealed record SweepOutputsFailed(SweepId SweepId, string Folder, string Reason);
