using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OpenData.Api.Infrastructure;

/// <summary>Ready means: the database answers, through the API's own role, and a dataset is being served.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT max(version) FROM opendata.dataset", cancellationToken: cancellationToken));
            return version is null
                ? HealthCheckResult.Unhealthy("the database holds no dataset yet: run the importer")
                : HealthCheckResult.Healthy($"serving dataset version {version}");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be reached", e);
        }
    }
}
