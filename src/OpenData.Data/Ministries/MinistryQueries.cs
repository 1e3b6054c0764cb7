using Dapper;
using OpenData.Data.Changes;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Ministries;

/// <summary>Reads ministries for REST and GraphQL alike: latest first, exports, batches by id.</summary>
public sealed class MinistryQueries(DatasetSession session, TotalsCache totals)
{
    // Ministries without a start date sort last: the key replaces NULL by a sentinel.
    public static readonly Keyset Latest = new("-startDate", true,
        new KeyPart("coalesce(m.start_date, '0001-01-01'::date)", KeyType.Date), new KeyPart("m.id", KeyType.BigInt));

    public static readonly IReadOnlyList<SortOption<MinistrySort>> Sorts =
    [
        new(MinistrySort.StartDesc, "-startDate", "Latest first (the default)."),
        new(MinistrySort.UpdatedDesc, "-updatedAt", "Latest changed first."),
        new(MinistrySort.UpdatedAsc, "updatedAt", "Earliest changed first."),
    ];

    public static Keyset Keyset(MinistrySort sort) => sort switch
    {
        MinistrySort.UpdatedDesc => new(Sorts.Of(sort).Name, true, Updates.Key("m"), new KeyPart("m.id", KeyType.BigInt)),
        MinistrySort.UpdatedAsc => new(Sorts.Of(sort).Name, false, Updates.Key("m"), new KeyPart("m.id", KeyType.BigInt)),
        _ => Latest,
    };

    private static readonly string Columns = $"""
        m.id, m.name, m.full_name, m.minister_title, m.journal_title, m.minister_name, m.start_date, m.end_date, m.current,
        m.protocol_order, m.successor_id, m.predecessor_ids, m.lineage_ids, m.question_count,
        {Updates.At("m")} AS updated_at
        """;

    /// <summary>One page after <paramref name="cursor"/> (null: the first page), with the exact total, as rows.</summary>
    public Deferred<Page<MinistryRow>> Page(ReadBatch batch, MinistryFilter filter, string? cursor, int limit, MinistrySort sort = MinistrySort.StartDesc) =>
        Page<MinistryRow>(batch, Columns, r => r.Cursor, filter, cursor, limit, sort, null);

    public Task<Page<MinistryRow>> PageAsync(MinistryFilter filter, string? cursor, int limit, CancellationToken cancellationToken, MinistrySort sort = MinistrySort.StartDesc)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, filter, cursor, limit, sort), cancellationToken);
    }

    /// <summary>One page as REST represents it (<see cref="MinistryRepresentations.Ministry"/>).</summary>
    public Task<Page<JsonRow>> JsonPageAsync(MinistryFilter filter, string? cursor, int limit, CancellationToken cancellationToken, MinistrySort sort = MinistrySort.StartDesc)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, Represented, r => r.Cursor, filter, cursor, limit, sort, new RepresentationWriter(MinistryRepresentations.Ministry).Rows(withCursor: true)), cancellationToken);
    }

    private Deferred<Page<T>> Page<T>(ReadBatch batch, string columns, Func<T, string?> cursorOf, MinistryFilter filter, string? cursor, int limit, MinistrySort sort,
        Func<System.Data.Common.DbDataReader, T>? parse)
    {
        var (sql, total) = Build(batch, columns, filter, sort, cursor, limit + 1);
        return Paging.Keyset.Read(batch, sql, total, cursorOf, limit, parse);
    }

    /// <summary>An export as REST represents it, read by one command.</summary>
    public Export<JsonRow> Export(MinistryFilter filter, string? cursor, int? limit, bool csv, CancellationToken cancellationToken, MinistrySort sort = MinistrySort.StartDesc)
    {
        var batch = session.Batch();
        batch.StatementTimeout = session.ExportTimeout;
        var (sql, total) = Build(batch, Represented, filter, sort, cursor, limit);
        var count = batch.Add(total.Statement, grid => total.ReadAsync(grid, batch));
        return new Export<JsonRow>(count, batch.StreamAsync(sql, new RepresentationWriter(MinistryRepresentations.Ministry).Exported(csv), cancellationToken), limit);
    }

    /// <summary>A ministry as REST's detail represents it (<see cref="MinistryRepresentations.Detail"/>), or null.</summary>
    public Task<JsonRow?> DetailAsync(long id, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        var where = batch.Where();
        var rows = new RepresentationWriter(MinistryRepresentations.Detail).Rows(withCursor: false);
        return batch.RunAsync(batch.Add($"SELECT {MinistryRepresentations.Detail.Columns("m")} FROM opendata.ministries m WHERE m.id = {where.Bind(id)}",
            async grid => (await grid.ReadAsync(rows)).SingleOrDefault()), cancellationToken);
    }

    /// <summary>Ministries by id: one statement whatever the number of ids.</summary>
    public Deferred<IReadOnlyDictionary<long, MinistryRow>> ByIds(ReadBatch batch, IReadOnlyCollection<long> ids)
    {
        var where = batch.Where();
        return batch.Add($"SELECT {Columns} FROM opendata.ministries m WHERE m.id = ANY({where.Bind(ids.Distinct().ToArray())})",
            async grid => (IReadOnlyDictionary<long, MinistryRow>)(await grid.ReadAsync<MinistryRow>()).ToDictionary(r => r.Id));
    }


    /// <summary>Whether a ministry exists (a nested route answers 404 for one that does not).</summary>
    public Deferred<bool> Exists(ReadBatch batch, long id)
    {
        var where = batch.Where();
        return batch.Add($"SELECT EXISTS (SELECT FROM opendata.ministries WHERE id = {where.Bind(id)})", grid => grid.ReadSingleAsync<bool>());
    }

    internal static void Where(MinistryFilter filter, SqlWhere where)
    {
        // LIKE wildcards typed by the user are matched literally.
        if (!string.IsNullOrWhiteSpace(filter.Q))
            where.AddRaw($"m.search_name LIKE {SqlText.LikeContains($"opendata_meta.fold({where.Bind(filter.Q.Trim())})")}");
        where.AddIf(filter.Current is not null, "m.current = {0}", filter.Current);
        Updates.Since(where, "m", filter.UpdatedSince);
    }

    // What a page reads of each ministry: its row, or REST's JSON of it.
    private static readonly string Represented = MinistryRepresentations.Ministry.Columns("m");

    private (string Sql, ListTotal Total) Build(ReadBatch batch, string columns, MinistryFilter filter, MinistrySort sort, string? cursor, int? limit)
    {
        var keyset = Keyset(sort);
        var where = batch.Where();
        Where(filter, where);
        if (!where.IsEmpty) batch.PlanForValues = true;
        var total = new ListTotal(totals, "ministries", "opendata.ministries m", where, batch, CountKind.ByKey);
        var page = where.Extend();
        if (cursor is not null) keyset.After(cursor, page);
        var sql = $"""
            SELECT {columns}, {keyset.CursorColumn}
            FROM opendata.ministries m
            WHERE {page.Sql}
            ORDER BY {keyset.OrderBy}
            {(limit is { } n ? $"LIMIT {page.Bind(n)}" : "")}
            """;
        return (sql, total);
    }
}
