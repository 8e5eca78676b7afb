namespace Sweep.Dashboard.Model;

/// <summary>
/// One trial as the dashboard lists it: the fields of <c>sweep trials --json</c> (trial_id, d, seed, point, node,
/// attempt, started_at, elapsed_seconds, step, total_steps, loss, error), plus its state, grid index, axis values
/// and, once done, its metrics and bound. <see cref="Version"/> is the dashboard's change counter: a client that has
/// seen version v asks for the trials after v and gets only what changed since.
/// </summary>
public sealed record TrialView(
    string TrialId,
    int Index,
    string State,
    int D,
    int Seed,
    string Point,
    IReadOnlyDictionary<string, string> Axes,
    string? Node,
    int Attempt,
    DateTimeOffset? StartedAt,
    double? ElapsedSeconds,
    int Step,
    int TotalSteps,
    double? Loss,
    string? Error,
    double? TrainError,
    double? TestError,
    double? Gap,
    double? Bound,
    double? TestErrorBound)
{
    public long Version { get; init; }

    /// <summary>Equal apart from the version: nothing a client would redraw changed.</summary>
    public bool SameAs(TrialView other) => this with { Version = 0 } == other with { Version = 0 };
}
