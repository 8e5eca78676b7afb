using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sweep.Core.Statistics;
using Sweep.Core.Trials;
using Sweep.Dashboard.Model;

namespace Sweep.Dashboard.Api;

/// <summary>The read endpoints of one sweep and of the sweeps list (documented in docs/dashboard.md).</summary>
public static class SweepEndpoints
{
    /// <summary>Trials per reply when the client does not say.</summary>
    public const int DefaultLimit = 5000;

    public static IEndpointRouteBuilder MapSweepEndpoints(this IEndpointRouteBuilder app, SweepTracker tracker, DashboardOptions options)
    {
        app.MapGet("/api/sweeps", () => Results.Json(new
        {
            source = tracker.Source.Describe,
            allow_control = options.AllowControl && tracker.Source.CanControl,
            error = tracker.LastError,
            generation = tracker.Generation,
            sweeps = tracker.Sweeps,
        }));

        app.MapGet("/api/sweeps/{id}", async (string id, CancellationToken ct) =>
            await tracker.BookAsync(new SweepId(id), ct) is not { } book ? Unknown(id) : Results.Json(tracker.Read(book, b => new
            {
                sweep = tracker.Sweeps.FirstOrDefault(s => s.SweepId == id),
                source = tracker.Source.Describe,
                allow_control = options.AllowControl && tracker.Source.CanControl,
                curve_axis = b.Spec!.IsLora ? "r" : "d",
                sigma = b.Spec.Bound.Sigma,
                dataset = b.Spec.Dataset.Kind.ToString(),
                model = b.Spec.Model.Describe(),
                mi = b.Spec.Mi?.Describe(),
                axes = b.AxisNames,
                axis_values = AxisValues(b),
                counts = b.CountByState(),
                version = b.Version,
            })));

        app.MapGet("/api/sweeps/{id}/trials", async (string id, long? after, string? state, int? limit, CancellationToken ct) =>
        {
            if (state is not null && state is not ("pending" or "running" or "done" or "failed"))
            {
                return Results.Json(new { error = $"state={state}: use pending, running, done or failed." }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (await tracker.BookAsync(new SweepId(id), ct) is not { } book)
            {
                return Unknown(id);
            }

            var (rows, cursor, more) = tracker.Read(book, b => b.After(after ?? 0, state, Math.Clamp(limit ?? DefaultLimit, 1, 100_000)));
            return Results.Json(new { sweep_id = id, cursor, more, version = tracker.Read(book, b => b.Version), total = tracker.Read(book, b => b.Total), trials = rows });
        });

        app.MapGet("/api/sweeps/{id}/trials/{trialId}", async (string id, string trialId, CancellationToken ct) =>
        {
            if (await tracker.BookAsync(new SweepId(id), ct) is not { } book)
            {
                return Unknown(id);
            }

            var detail = tracker.Read(book, b => b.Find(trialId) is { } view ? TrialDetail.Of(b, view) : null);
            return detail is null ? Results.Json(new { error = $"sweep {id} has no trial {trialId}." }, statusCode: StatusCodes.Status404NotFound) : Results.Json(detail);
        });

        app.MapGet("/api/sweeps/{id}/curves", async (string id, CancellationToken ct) =>
            await tracker.BookAsync(new SweepId(id), ct) is not { } book ? Unknown(id) : Results.Json(tracker.Read(book, b => new
            {
                sweep_id = id,
                axis = b.Spec!.IsLora ? "r" : "d",
                sigma = b.Spec.Bound.Sigma,
                completed = b.CompletedCount,
                version = b.Version,
                points = b.Curves.Select(Point).ToList(),
                baselines = b.Baselines.Select(x => new
                {
                    series = x.Series,
                    parameter_count = x.ParameterCount,
                    seeds = x.TestError.Count,
                    train_error = Interval(x.TrainError),
                    test_error = Interval(x.TestError),
                    gap = Interval(x.Gap),
                    test_accuracy = x.TestAccuracy,
                    bound = TrialResult.NoBoundReason,
                }).ToList(),
                d_int90 = b.DInt90s.Select(x => new
                {
                    series = x.Series,
                    reached = x.Reached,
                    value = x.Interpolated ?? x.GridD,
                    grid_d = x.GridD,
                    baseline_accuracy = x.BaselineAccuracy,
                    threshold = x.Threshold,
                    note = x.Note,
                }).ToList(),
            })));

        return app;
    }

    public static IResult Unknown(string id) =>
        Results.Json(new { error = $"no sweep '{id}' in this dashboard's source." }, statusCode: StatusCodes.Status404NotFound);

    /// <summary>A curve point as in curves.csv: each quantity's mean and 95% Student-t interval over seeds.</summary>
    private static object Point(CurvePoint p) => new
    {
        series = p.Series,
        axis = p.Axis,
        x = p.X,
        seeds = p.TrainError.Count,
        train_error = Interval(p.TrainError),
        test_error = Interval(p.TestError),
        gap = Interval(p.Gap),
        bound = Interval(p.Bound),
        test_error_bound = Interval(p.TestErrorBound),
        mi_term_estimate = p.MiTermEstimate is { } mi ? Interval(mi) : null,
        cmi_ld_bound = p.CmiLossDifferenceBound is { } cmi ? Interval(cmi) : null,
    };

    private static object Interval(MeanInterval i) => new { mean = i.Mean, ci_low = i.Low, ci_high = i.High };

    private static Dictionary<string, IReadOnlyList<string>> AxisValues(SweepBook book)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>();
        var rows = book.Rows;
        foreach (var axis in book.AxisNames)
        {
            values[axis] = rows.Select(r => r.Axes.GetValueOrDefault(axis) ?? "?").Distinct()
                .OrderBy(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.MaxValue).ThenBy(v => v, StringComparer.Ordinal)
                .ToList();
        }

        return values;
    }
}
