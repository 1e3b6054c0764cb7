using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenData.Data.Datasets;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// Ready means: the database answers, through the API's own role, and a dataset is being served. Asked on a pool of
/// its own, so that requests holding every connection of the main pool do not make a healthy instance look down.
/// </summary>
public sealed class DatabaseHealthCheck([FromKeyedServices(DatabaseSetup.Pools.Background)] NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var dataset = await DatasetQueries.ServingAsync(connection, cancellationToken);
            return dataset is null
                ? HealthCheckResult.Unhealthy("the database holds no dataset yet: run the importer")
                : HealthCheckResult.Healthy($"serving dataset version {dataset.Version}");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be reached", e);
        }
    }
}
