using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenData.Api.Rest;

namespace OpenData.Api.Features;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Live: the process answers HTTP. No dependency is checked, so an outage never restarts it.
        app.MapGet("/health/live", (HttpContext http) => Report(http, new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero)))
            .WithName("Live").WithTags("Health")
            .WithSummary("Liveness: the process answers HTTP")
            .WithParameters([])
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status400BadRequest);
        // Ready: the database answers and serves a dataset; load balancers route traffic on this. Answered from a
        // probe at most a second old: one database probe per second, whatever the traffic (the endpoint is free).
        app.MapGet("/health/ready", async (HttpContext http, ReadinessProbe readiness, CancellationToken ct) =>
                Report(http, await readiness.CheckAsync(ct)))
            .WithName("Ready").WithTags("Health")
            .WithSummary("Readiness: the database answers and a dataset is served")
            .WithParameters([])
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static IResult Report(HttpContext http, HealthReport report)
    {
        new QueryBinder(http.Request.Query, []).ThrowIfInvalid();
        http.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(e.Value.Status.ToString(), e.Value.Description)));
        return TypedResults.Json(body, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>A health probe's answer.</summary>
/// <param name="Status">Healthy or Unhealthy.</param>
/// <param name="Checks">Each dependency checked, by name (readiness checks the database).</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

/// <summary>One dependency's state.</summary>
/// <param name="Status">Healthy or Unhealthy.</param>
/// <param name="Description">What was found, e.g. the dataset version served.</param>
public sealed record HealthCheckResponse(string Status, string? Description);

/// <summary>The readiness checks, run at most once per <see cref="MaxAge"/>: every probe in between gets the last result.</summary>
public sealed class ReadinessProbe(HealthCheckService health, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim probing = new(1, 1);
    private (HealthReport Report, long At)? last;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } report) return report;
        await probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } probed) return probed; // another request probed while this one waited
            var checkedNow = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), cancellationToken);
            last = (checkedNow, time.GetTimestamp());
            return checkedNow;
        }
        finally
        {
            probing.Release();
        }
    }

    private HealthReport? Fresh() => last is { } l && time.GetElapsedTime(l.At) < MaxAge ? l.Report : null;
}
