using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sweep.Actors.Monitoring;
using Sweep.Actors.Protocol;
using Sweep.Core.Trials;
using Sweep.Dashboard.Model;

namespace Sweep.Dashboard.Api;

/// <summary>The cluster endpoint, the event stream and, with --allow-control, pause, resume and cancel.</summary>
public static class LiveEndpoints
{
    /// <summary>A comment-free keep-alive: the stream repeats the state at least this often.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app, SweepTracker tracker, DashboardOptions options)
    {
        app.MapGet("/api/cluster", () =>
        {
            var cluster = tracker.Cluster;
            var activity = tracker.Activity;
            return Results.Json(new
            {
                source = tracker.Source.Describe,
                seen_by = cluster?.SeenBy,
                leader = cluster?.Leader,
                coordinator = cluster?.Coordinator,
                members = cluster?.Members ?? [],
                window_seconds = activity?.WindowSeconds ?? 0,
                nodes = activity is null ? [] : NodeRows.Of(activity),
                slots = activity?.Slots ?? [],
            });
        });

        app.MapGet("/api/events", (CancellationToken ct) => TypedResults.ServerSentEvents(Stream(tracker, ct), eventType: "state"));

        app.MapPost("/api/sweeps/{id}/{action}", async (string id, string action, HttpRequest request, CancellationToken ct) =>
        {
            if (!options.AllowControl || !tracker.Source.CanControl)
            {
                return Results.Json(new { error = options.AllowControl ? "this dashboard reads a journal; nothing runs the sweep here." : "read-only: start the dashboard with --allow-control." }, statusCode: StatusCodes.Status403Forbidden);
            }

            // A form on another site cannot set a custom header without a preflight this server never answers.
            if (!request.Headers.ContainsKey("X-Sweep-Control"))
            {
                return Results.Json(new { error = "send the X-Sweep-Control header." }, statusCode: StatusCodes.Status400BadRequest);
            }

            var sweepId = new SweepId(id);
            ISweepCommand? command = action switch
            {
                "pause" => new PauseSweep(sweepId),
                "resume" => new ResumeSweep(sweepId, RetryFailed: false),
                "cancel" => new CancelSweep(sweepId),
                _ => null,
            };
            if (command is null)
            {
                return Results.Json(new { error = $"unknown action '{action}': use pause, resume or cancel." }, statusCode: StatusCodes.Status404NotFound);
            }

            var reply = await tracker.Source.ControlAsync(command, ct);
            return reply switch
            {
                SweepUnknown => SweepEndpoints.Unknown(id),
                SweepRejected rejected => Results.Json(new { error = rejected.Reason }, statusCode: StatusCodes.Status409Conflict),
                _ => Results.Json(new { sweep_id = id, action, reply = reply.GetType().Name }),
            };
        });

        return app;
    }

    /// <summary>The sweeps list each time anything changed (and every <see cref="KeepAlive"/>), with the generation to compare.</summary>
    private static async IAsyncEnumerable<object> Stream(SweepTracker tracker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long seen = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            seen = tracker.Generation;
            yield return new { generation = seen, error = tracker.LastError, sweeps = tracker.Sweeps };
            try
            {
                await tracker.WaitForChangeAsync(seen, KeepAlive, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
