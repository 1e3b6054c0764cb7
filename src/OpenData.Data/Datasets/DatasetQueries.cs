using Dapper;
using Npgsql;

namespace OpenData.Data.Datasets;

public sealed class DatasetQueries(NpgsqlDataSource dataSource)
{
    private const string CurrentSql = """
        SELECT version, imported_at, content_hash, sources::text AS sources, row_counts::text AS row_counts,
               unknown_authors, notices::text AS notices, licence, licence_url, source_url
        FROM opendata.dataset
        ORDER BY version DESC
        LIMIT 1
        """;

    /// <summary>The serving dataset, or null before the first import.</summary>
    public async Task<DatasetInfo?> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(CurrentSql, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }
}
