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
        // Ready: the database answers and serves a dataset; load balancers route traffic on this.
        app.MapGet("/health/ready", async (HttpContext http, HealthCheckService health, CancellationToken ct) =>
                Report(http, await health.CheckHealthAsync(c => c.Tags.Contains("ready"), ct)))
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
