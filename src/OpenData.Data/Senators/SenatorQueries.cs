using Dapper;
using OpenData.Data.Changes;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
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

    internal const string HistoryOrder = "sg.start_date DESC NULLS LAST, sg.end_date DESC NULLS FIRST, sg.group_code";

    // Each senator's memberships as one JSON value, so that a page or an export and their histories are one statement.
    private const string HistoryColumn = $"""
        (SELECT json_agg(json_build_object('senator_id', sg.senator_id, 'group_code', sg.group_code,
                    'group_label', coalesce(hg.label, sg.group_code), 'membership', sg.membership,
                    'start_date', sg.start_date, 'end_date', sg.end_date) ORDER BY {HistoryOrder})
         FROM opendata.senator_groups sg LEFT JOIN opendata.political_groups hg ON hg.code = sg.group_code
         WHERE sg.senator_id = s.id) AS group_history
        """;

    /// <summary>One page after <paramref name="cursor"/> (null: the first page), with the exact total, and each senator's groups when asked.</summary>
    public Deferred<Page<SenatorRow>> Page(ReadBatch batch, SenatorFilter filter, string? cursor, int limit, bool withHistory, SenatorSort sort = SenatorSort.Name)
    {
        var (sql, total) = Build(batch, filter, sort, cursor, limit + 1, withHistory);
        return batch.Add([sql, total.Statement], async grid =>
        {
            var rows = (await grid.ReadAsync<SenatorRow>()).AsList();
            return Paging.Keyset.Page(rows, r => r.Cursor, limit, await total.ReadAsync(grid, batch));
        });
    }

    public Task<Page<SenatorRow>> PageAsync(SenatorFilter filter, string? cursor, int limit, bool withHistory, CancellationToken cancellationToken, SenatorSort sort = SenatorSort.Name)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, filter, cursor, limit, withHistory, sort), cancellationToken);
    }

    /// <summary>The total, then every matching senator (with their groups) after the cursor, up to <paramref name="limit"/> (null: all).</summary>
    public Export<SenatorRow> Export(SenatorFilter filter, string? cursor, int? limit, CancellationToken cancellationToken, SenatorSort sort = SenatorSort.Name)
    {
        var batch = session.Batch();
        batch.StatementTimeout = session.ExportTimeout;
        var (sql, total) = Build(batch, filter, sort, cursor, limit, withHistory: true);
        var count = batch.Add(total.Statement, grid => total.ReadAsync(grid, batch));
        return new Export<SenatorRow>(count, batch.StreamAsync<SenatorRow>(sql, cancellationToken), limit);
    }

    /// <summary>Senators by id, with each one's groups when asked: one statement whatever the number of ids.</summary>
    public Deferred<IReadOnlyDictionary<string, SenatorRow>> ByIds(ReadBatch batch, IReadOnlyCollection<string> ids, bool withHistory = false)
    {
        var where = batch.Where();
        return batch.Add($"SELECT {Columns}{(withHistory ? ", " + HistoryColumn : "")} FROM {From} WHERE s.id = ANY({where.Bind(ids.ToArray())})",
            async grid => (IReadOnlyDictionary<string, SenatorRow>)(await grid.ReadAsync<SenatorRow>()).ToDictionary(r => r.Id));
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

    private (string Sql, ListTotal Total) Build(ReadBatch batch, SenatorFilter filter, SenatorSort sort, string? cursor, int? limit, bool withHistory)
    {
        var keyset = Keyset(sort);
        var where = batch.Where();
        Where(filter, where);
        if (!where.IsEmpty) batch.PlanForValues = true;
        var total = new ListTotal(totals, "senators", "opendata.senators s", where, batch, CountKind.ByKey);
        var page = where.Extend();
        if (cursor is not null) keyset.After(cursor, page);
        var sql = $"""
            SELECT {Columns}, {keyset.CursorColumn}{(withHistory ? ", " + HistoryColumn : "")}
            FROM {From}
            WHERE {page.Sql}
            ORDER BY {keyset.OrderBy}
            {(limit is { } n ? $"LIMIT {page.Bind(n)}" : "")}
            """;
        return (sql, total);
    }
}
