using Dapper;
using Npgsql;
using OpenData.Data.Reading;

namespace OpenData.Data.Datasets;

/// <summary>The serving dataset: what a request reads of it, and the version the API tracks.</summary>
public sealed class DatasetQueries(DatasetSession session)
{
    private const string CurrentSql = """
        SELECT version, imported_at, content_hash, sources::text AS sources, row_counts::text AS row_counts,
               unknown_authors, notices::text AS notices, generated, licence, licence_url, source_url
        FROM opendata.dataset
        ORDER BY version DESC
        LIMIT 1
        """;

    /// <summary>The serving dataset, or null before the first import.</summary>
    public Deferred<DatasetInfo?> Current(ReadBatch batch) =>
        batch.Add(CurrentSql, async grid => (await grid.ReadSingleOrDefaultAsync<DatasetRow>())?.ToInfo());

    public Task<DatasetInfo?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Current(batch), cancellationToken);
    }

    /// <summary>
    /// The serving version and its import time, on a connection of the caller's: how the API notices a new dataset
    /// (its tracker and its readiness probe), outside any request.
    /// </summary>
    public static async Task<ServingDataset?> ServingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, DateTime ImportedAt, string? Bounds)?>(new CommandDefinition(
            "SELECT version, imported_at, list_bounds::text FROM opendata.dataset ORDER BY version DESC LIMIT 1", cancellationToken: cancellationToken));
        return row is { } r
            ? new ServingDataset(r.Version, new DateTimeOffset(DateTime.SpecifyKind(r.ImportedAt, DateTimeKind.Utc)), ListBounds.Parse(r.Bounds))
            : null;
    }
}

/// <summary>The serving dataset's version and import time (what ETags, Last-Modified and the output cache key on) and its largest lists.</summary>
public sealed record ServingDataset(long Version, DateTimeOffset ImportedAt, ListBounds Bounds);

/// <summary>
/// The largest lists the dataset can return, by kind: what a GraphQL query's cost multiplies a plain list by (a list
/// of all themes, the reminders of one question, …), so that the cost bounds what a query may return. Computed by the
/// import (opendata_meta.list_bounds) and read with the dataset's version.
/// </summary>
public sealed record ListBounds(int Themes, int Groups, int Legislatures, int Ministries, int Months,
    int QuestionThemes, int Reminders, int SharedWith, int Predecessors, int Memberships)
{
    /// <summary>Before a dataset is known (nothing to return then): bounds larger than any dataset's.</summary>
    public static readonly ListBounds Unknown = new(500, 100, 50, 5_000, 1_000, 50, 100, 100, 50, 50);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static ListBounds Parse(string? json) => json is null ? Unknown : System.Text.Json.JsonSerializer.Deserialize<ListBounds>(json, Json) ?? Unknown;
}
