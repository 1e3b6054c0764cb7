using Dapper;
using Npgsql;
using OpenData.Data.Reading;

namespace OpenData.Data.Datasets;

/// <summary>The serving dataset: what a request reads of it, and the version the API tracks.</summary>
public sealed class DatasetQueries(DatasetSession session)
{
    /// <summary>
    /// The serving dataset's row, as every reader selects it (the version of a request, the tracker's, GraphQL's,
    /// the totals): the highest version, as a subquery to select from.
    /// </summary>
    internal const string Serving = "(SELECT * FROM opendata.dataset ORDER BY version DESC LIMIT 1)";

    /// <summary>
    /// The served data's asOf: the date of its newest publication in the source, a question's or an answer's (the day the
    /// data speaks for; a question still awaiting an answer has waited until then). Two index reads.
    /// </summary>
    public const string AsOf = "(SELECT greatest((SELECT max(published_at) FROM opendata.questions), (SELECT max(published_at) FROM opendata.answers)))";

    /// <summary>The tables the import writes as bulk files (<c>DownloadTable.All</c> of the importer), in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> DownloadTables = ["questions", "answers", "senators", "ministries"];

    /// <summary>The formats each table is written in, in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> DownloadFormats = ["parquet", "csv.gz"];

    /// <summary>The most bulk files a dataset has: each table in each format.</summary>
    public static int MostDownloads => DownloadTables.Count * DownloadFormats.Count;

    /// <summary>The order the bulk files of <paramref name="x"/> (opendata_meta.downloads) are listed in: by table, then format.</summary>
    internal static string DownloadOrder(string x) =>
        $"array_position(ARRAY[{string.Join(", ", DownloadTables.Select(t => $"'{t}'"))}], {x}.table_name), array_position(ARRAY[{string.Join(", ", DownloadFormats.Select(f => $"'{f}'"))}], {x}.format)";

    private static readonly string CurrentSql = $"""
        SELECT version, imported_at, content_hash, sources::text AS sources, row_counts::text AS row_counts,
               unknown_authors, notices::text AS notices, generated, licence, licence_url, source_url, {AsOf} AS as_of,
               (SELECT coalesce(json_agg(json_build_object('table', x.table_name, 'format', x.format, 'name', x.name, 'mediaType', x.media_type,
                                                           'rows', x.rows, 'bytes', x.bytes, 'sha256', x.sha256)
                                         ORDER BY {DownloadOrder("x")}), '[]')
                FROM opendata_meta.downloads x WHERE x.version = d.version)::text AS downloads
        FROM {Serving} d
        """;

    /// <summary>The serving dataset, or null before the first import.</summary>
    public Deferred<DatasetInfo?> Current(ReadBatch batch) =>
        batch.Add(CurrentSql, async grid => (await grid.ReadSingleOrDefaultAsync<DatasetRow>())?.ToInfo());

    /// <summary>The serving dataset as REST represents it (<see cref="DatasetRepresentations.Dataset"/>), or null before the first import.</summary>
    public Task<Representations.JsonRow?> JsonCurrentAsync(CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        var rows = new Representations.RepresentationWriter(DatasetRepresentations.Dataset).Rows(withCursor: false);
        return batch.RunAsync(batch.Add($"SELECT {DatasetRepresentations.Dataset.Columns("d")} FROM {Serving} d",
            async grid => (await grid.ReadAsync(rows)).SingleOrDefault()), cancellationToken);
    }

    public Task<DatasetInfo?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Current(batch), cancellationToken);
    }

    /// <summary>
    /// LISTENs on the importer's channel, except on a standby (a read replica): PostgreSQL refuses LISTEN during
    /// recovery, and the importer's NOTIFY on the primary is not replicated anyway. False on a standby.
    /// </summary>
    public static async Task<bool> ListenUnlessStandbyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_is_in_recovery()", cancellationToken: cancellationToken)))
            return false;
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {Database.DatasetChannel}", cancellationToken: cancellationToken));
        return true;
    }

    /// <summary>
    /// The serving version and its import time, on a connection of the caller's: how the API notices a new dataset
    /// (its tracker and its readiness probe), outside any request.
    /// </summary>
    public static async Task<ServingDataset?> ServingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, DateTime ImportedAt, string? Bounds, long? Questions)?>(new CommandDefinition(
            $"SELECT version, imported_at, list_bounds::text, (row_counts->>'questions')::bigint FROM {Serving} d", cancellationToken: cancellationToken));
        return row is { } r
            ? new ServingDataset(r.Version, new DateTimeOffset(DateTime.SpecifyKind(r.ImportedAt, DateTimeKind.Utc)), ListBounds.Parse(r.Bounds), r.Questions ?? 0)
            : null;
    }
}

/// <summary>
/// The serving dataset's version and import time (what ETags, Last-Modified and the output cache key on), its largest
/// lists and its number of questions (what the price of a scan of them scales with).
/// </summary>
public sealed record ServingDataset(long Version, DateTimeOffset ImportedAt, ListBounds Bounds, long Questions);

/// <summary>
/// The largest lists the dataset can return, by kind: what a GraphQL query's cost multiplies a plain list by (a list
/// of all themes, the reminders of one question, …), so that the cost bounds what a query may return. Computed by the
/// import (opendata_meta.list_bounds) and read with the dataset's version.
/// </summary>
public sealed record ListBounds(int Themes, int Groups, int Legislatures, int Ministries, int Months,
    int QuestionThemes, int Reminders, int SharedWith, int Predecessors, int Memberships, int TwinSize = ListBounds.UnknownTwinSize,
    int MinistryQuestions = ListBounds.UnknownMinistryQuestions)
{
    /// <summary>Before a dataset is known (nothing to return then): bounds larger than any dataset's.</summary>
    public static readonly ListBounds Unknown = new(500, 100, 50, 5_000, 1_000, 50, 100, 100, 50, 50, UnknownTwinSize);

    /// <summary>The largest twin group of a dataset imported before they were found (migration 0012): as large as any.</summary>
    public const int UnknownTwinSize = 1_000;

    /// <summary>The most questions of one ministry, for a dataset imported before it was recorded (migration 0015): as many as a large dataset's largest.</summary>
    public const int UnknownMinistryQuestions = 5_000;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static ListBounds Parse(string? json) => json is null ? Unknown : System.Text.Json.JsonSerializer.Deserialize<ListBounds>(json, Json) ?? Unknown;
}
