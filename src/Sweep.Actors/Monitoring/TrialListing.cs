using System.Collections.Immutable;
using System.Globalization;
using Sweep.Actors.Protocol;
using Sweep.Core.Specs;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Monitoring;

/// <summary>Pure: the rows of <c>sweep trials</c> from a ledger's state and the latest heartbeats.</summary>
public static class TrialListing
{
    public static readonly IReadOnlyList<string> States = ["running", "failed", "done", "pending"];

    public static TrialStatus? StatusOf(string state) => state.ToLowerInvariant() switch
    {
        "running" => TrialStatus.Running,
        "failed" => TrialStatus.Failed,
        "done" => TrialStatus.Done,
        "pending" => TrialStatus.Pending,
        _ => null,
    };

    public static IReadOnlyList<TrialRow> Rows(SweepState state, IReadOnlyDictionary<TrialId, TrialHeartbeat> heartbeats, TrialStatus status, DateTimeOffset now)
    {
        var trials = status == TrialStatus.Running ? state.RunningTrials() : state.InOrder().Where(t => t.Status == status);
        return trials.Select(t =>
        {
            heartbeats.TryGetValue(t.Config.Id, out var beat);
            var current = beat is not null && beat.Attempt == t.Attempts ? beat : null;
            double? seconds = t.Status switch
            {
                TrialStatus.Running when t.StartedAt is { } started => Math.Max(0, (now - started).TotalSeconds),
                TrialStatus.Done => t.Metrics?.Seconds,
                _ => null,
            };
            return new TrialRow(
                t.Config.Id,
                t.Config.IntrinsicDimension,
                t.Config.Seed,
                PointOf(state.Spec, t.Config),
                t.Node,
                t.Attempts,
                t.Status == TrialStatus.Pending ? null : t.StartedAt,
                seconds,
                current?.Step ?? 0,
                current?.TotalSteps ?? 0,
                current?.Loss ?? double.NaN,
                t.Status == TrialStatus.Failed || (t.Status == TrialStatus.Pending && t.Attempts > 0) ? t.LastError : null);
        }).ToList();
    }

    /// <summary>"d=4 seed=1", then every other swept axis by name: "d=4 seed=1 learning_rate=0.1".</summary>
    public static string PointOf(SweepSpec spec, TrialConfig config)
    {
        var parts = new List<string> { $"d={config.IntrinsicDimension}", $"seed={config.Seed}" };
        foreach (var axis in spec.Grid.ScalarAxes.Keys.Order(StringComparer.Ordinal))
        {
            double? value = axis switch
            {
                ScalarAxis.LearningRate => config.Training.LearningRate,
                ScalarAxis.Epochs => config.Training.Epochs,
                ScalarAxis.BatchSize => config.Training.BatchSize,
                ScalarAxis.Levels => config.Quantization.Levels,
                ScalarAxis.TrainSize => config.Dataset.TrainSize,
                _ => null,
            };
            parts.Add($"{axis}={(value is null ? "?" : value.Value.ToString("G", CultureInfo.InvariantCulture))}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>Per slot: trials running on it now and trials it finished, over every sweep's state.</summary>
    public static ImmutableSortedDictionary<string, (int Busy, int Done)> SlotTally(IEnumerable<SweepState> states)
    {
        var tally = new Dictionary<string, (int Busy, int Done)>();
        foreach (var state in states)
        {
            foreach (var trial in state.Trials.Values)
            {
                if (trial.Node is null || trial.Status is not (TrialStatus.Running or TrialStatus.Done))
                {
                    continue;
                }

                tally.TryGetValue(trial.Node, out var t);
                tally[trial.Node] = trial.Status == TrialStatus.Running ? (t.Busy + 1, t.Done) : (t.Busy, t.Done + 1);
            }
        }

        return tally.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }
}
