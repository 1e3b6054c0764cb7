using Dapper;
using OpenData.Data.Changes;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Senators;

/// <summary>Reads senators for REST and GraphQL alike: pages sorted by name, exports, batches by id, group histories.</summary>
public sealed class SenatorQueries(DatasetSession session, TotalsCache totals)
{
    // last_name and first_name may be missing in the source: the sort keys never are null, so that
    // keyset comparisons hold (a senator without last name sorts by their full name).
    public static readonly Keyset ByName = new("name", false,
        new KeyPart("coalesce(s.last_name, s.name)", KeyType.Text), new KeyPart("coalesce(s.first_name, '')", KeyType.Text), new KeyPart("s.id", KeyType.Text));

    public static readonly IReadOnlyList<SortOption<SenatorSort>> Sorts =
    [
        new(SenatorSort.Name, "name", "By last name, then first name (the default)."),
        new(SenatorSort.UpdatedDesc, "-updatedAt", "Latest changed first."),
        new(SenatorSort.UpdatedAsc, "updatedAt", "Earliest changed first."),
    ];

    public static Keyset Keyset(SenatorSort sort) => sort switch
    {
        SenatorSort.UpdatedDesc => new(Sorts.Of(sort).Name, true, Updates.Key("s"), new KeyPart("s.id", KeyType.Text)),
        SenatorSort.UpdatedAsc => new(Sorts.Of(sort).Name, false, Updates.Key("s"), new KeyPart("s.id", KeyType.Text)),
        _ => ByName,
    };

    private static readonly string Columns = $"""
        s.id, s.civility, s.first_name, s.last_name, s.name, s.active, s.birth_date, s.death_date,
        s.group_code, coalesce(g.label, s.group_code) AS group_label, s.group_membership, s.constituency, s.committee,
        s.bureau_function, s.email, s.profession, s.profession_category, s.question_count, s.url,
        {Updates.At("s")} AS updated_at
        """;

    private const string From = "opendata.senators s LEFT JOIN opendata.political_groups g ON g.code = s.group_code";

    /// <summary>The order of a senator's group memberships (rows of senator_groups named <paramref name="sg"/>): latest first.</summary>
    internal static string HistoryOrder(string sg) => $"{sg}.start_date DESC NULLS LAST, {sg}.end_date DESC NULLS FIRST, {sg}.group_code";

    /// <summary>One page after <paramref name="cursor"/> (null: the first page), with the exact total, as rows.</summary>
    public Deferred<Page<SenatorRow>> Page(ReadBatch batch, SenatorFilter filter, string? cursor, int limit, SenatorSort sort = SenatorSort.Name) =>
        Page<SenatorRow>(batch, Columns, r => r.Cursor, filter, cursor, limit, sort, null);

    public Task<Page<SenatorRow>> PageAsync(SenatorFilter filter, string? cursor, int limit, CancellationToken cancellationToken, SenatorSort sort = SenatorSort.Name)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, filter, cursor, limit, sort), cancellationToken);
    }

    /// <summary>One page as REST represents it (<see cref="SenatorRepresentations.Senator"/>).</summary>
    public Task<Page<JsonRow>> JsonPageAsync(SenatorFilter filter, string? cursor, int limit, CancellationToken cancellationToken, SenatorSort sort = SenatorSort.Name)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, Represented, r => r.Cursor, filter, cursor, limit, sort, new RepresentationWriter(SenatorRepresentations.Senator).Rows(withCursor: true)), cancellationToken);
    }

    /// <summary>The total, then every matching senator as REST represents them after the cursor, up to <paramref name="limit"/> (null: all).</summary>
    public Export<JsonRow> Export(SenatorFilter filter, string? cursor, int? limit, bool csv, CancellationToken cancellationToken, SenatorSort sort = SenatorSort.Name)
    {
        var batch = session.Batch();
        batch.StatementTimeout = session.ExportTimeout;
        var (sql, total) = Build(batch, Represented, filter, sort, cursor, limit);
        var count = batch.Add(total.Statement, grid => total.ReadAsync(grid, batch));
        return new Export<JsonRow>(count, batch.StreamAsync(sql, new RepresentationWriter(SenatorRepresentations.Senator).Exported(csv), cancellationToken), limit);
    }

    /// <summary>A senator as REST represents them, or null.</summary>
    public Task<JsonRow?> JsonByIdAsync(string id, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        var where = batch.Where();
        var rows = new RepresentationWriter(SenatorRepresentations.Senator).Rows(withCursor: false);
        return batch.RunAsync(batch.Add($"SELECT {Represented} FROM opendata.senators s WHERE s.id = {where.Bind(id)}",
            async grid => (await grid.ReadAsync(rows)).SingleOrDefault()), cancellationToken);
    }

    /// <summary>Senators by id: one statement whatever the number of ids.</summary>
    public Deferred<IReadOnlyDictionary<string, SenatorRow>> ByIds(ReadBatch batch, IReadOnlyCollection<string> ids)
    {
        var where = batch.Where();
        return batch.Add($"SELECT {Columns} FROM {From} WHERE s.id = ANY({where.Bind(ids.ToArray())})",
            async grid => (IReadOnlyDictionary<string, SenatorRow>)(await grid.ReadAsync<SenatorRow>()).ToDictionary(r => r.Id));
    }

    private Deferred<Page<T>> Page<T>(ReadBatch batch, string columns, Func<T, string?> cursorOf, SenatorFilter filter, string? cursor, int limit, SenatorSort sort,
        Func<System.Data.Common.DbDataReader, T>? parse)
    {
        var (sql, total) = Build(batch, columns, filter, sort, cursor, limit + 1);
        return Paging.Keyset.Read(batch, sql, total, cursorOf, limit, parse);
    }

    /// <summary>Whether a senator exists (a nested route answers 404 for one that does not).</summary>
    public Deferred<bool> Exists(ReadBatch batch, string id)
    {
        var where = batch.Where();
        return batch.Add($"SELECT EXISTS (SELECT FROM opendata.senators WHERE id = {where.Bind(id)})", grid => grid.ReadSingleAsync<bool>());
    }

    internal static void Where(SenatorFilter filter, SqlWhere where)
    {
        // LIKE wildcards typed by the user are matched literally.
        if (!string.IsNullOrWhiteSpace(filter.Q))
            where.AddRaw($"s.search_name LIKE {SqlText.LikeContains($"opendata_meta.fold({where.Bind(filter.Q.Trim())})")}");
        where.AddIf(filter.Active is not null, "s.active = {0}", filter.Active);
        where.AddIf(filter.Group is not null, "s.group_code = {0}", filter.Group);
        where.AddIf(filter.Constituency is not null, "s.constituency = {0}", filter.Constituency);
        Updates.Since(where, "s", filter.UpdatedSince);
    }

    // What a page reads of each senator: its row, or REST's JSON of it.
    private static readonly string Represented = SenatorRepresentations.Senator.Columns("s");

    private (string Sql, ListTotal Total) Build(ReadBatch batch, string columns, SenatorFilter filter, SenatorSort sort, string? cursor, int? limit)
    {
        var keyset = Keyset(sort);
        var where = batch.Where();
        Where(filter, where);
        if (!where.IsEmpty) batch.PlanForValues = true;
        var total = new ListTotal(totals, "senators", "opendata.senators s", where, batch, CountKind.ByKey);
        var page = where.Extend();
        if (cursor is not null) keyset.After(cursor, page);
        var sql = $"""
            SELECT {columns}, {keyset.CursorColumn}
            FROM {From}
            WHERE {page.Sql}
            ORDER BY {keyset.OrderBy}
            {(limit is { } n ? $"LIMIT {page.Bind(n)}" : "")}
            """;
        return (sql, total);
    }
}
