using Dapper;
using Npgsql;

namespace OpenData.Data;

/// <summary>Existence checks for nested routes: /senators/{id}/questions is a 404 for an unknown senator, not an empty list.</summary>
public sealed class Lookups(NpgsqlDataSource dataSource)
{
    public Task<bool> SenatorExistsAsync(string id, CancellationToken cancellationToken) =>
        ExistsAsync("SELECT EXISTS (SELECT FROM opendata.senators WHERE id = @id)", new { id }, cancellationToken);

    public Task<bool> MinistryExistsAsync(long id, CancellationToken cancellationToken) =>
        ExistsAsync("SELECT EXISTS (SELECT FROM opendata.ministries WHERE id = @id)", new { id }, cancellationToken);

    private async Task<bool> ExistsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
