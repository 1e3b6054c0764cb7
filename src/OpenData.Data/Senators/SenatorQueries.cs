using System.Text.Json;
using Dapper;
using Npgsql;
using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Senators;

/// <summary>Reads senators for REST and GraphQL alike: pages sorted by name, exports, batches by id, group histories.</summary>
public sealed class SenatorQueries(NpgsqlDataSource dataSource)
{
    private const string SortName = "name";

    // last_name and first_name may be missing in the source: the sort keys never are null, so that
    // keyset comparisons hold (a senator without last name sorts by their full name).
    private const string LastKey = "coalesce(s.last_name, s.name)";
    private const string FirstKey = "coalesce(s.first_name, '')";

    private const string Columns = """
        s.id, s.civility, s.first_name, s.last_name, s.name, s.active, s.birth_date, s.death_date,
        s.group_code, coalesce(g.label, s.group_code) AS group_label, s.group_membership, s.constituency, s.committee,
        s.bureau_function, s.email, s.profession, s.profession_category, s.question_count, s.url
        """;

    private const string From = "opendata.senators s LEFT JOIN opendata.political_groups g ON g.code = s.group_code";

    /// <summary>One page after <paramref name="cursor"/> (null: the first page), with the exact total.</summary>
    public async Task<Page<SenatorRow>> PageAsync(SenatorFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(filter, cursor, limit + 1);
        return await Keyset.PageAsync<SenatorRow>(dataSource, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            connection => CountAsync(connection, filter, cancellationToken), limit, row => Cursor.Encode(SortName, row.SortLast, row.SortFirst, row.Id),
            filtered: SqlWhere.AnyCondition(w => Where(filter, w)));
    }

    /// <summary>The exact number of senators matching the filter.</summary>
    public async Task<long> CountAsync(SenatorFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, filter, cancellationToken);
    }

    /// <summary>Every matching row after the cursor, up to <paramref name="limit"/> (null: all), streamed from the server.</summary>
    public IAsyncEnumerable<SenatorRow> StreamAsync(SenatorFilter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(filter, cursor, limit);
        return Keyset.StreamAsync<SenatorRow>(dataSource, sql, parameters, cancellationToken);
    }

    public async Task<SenatorRow?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await GetByIdsAsync([id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>Batch lookup for DataLoaders and details: one round trip whatever the number of ids.</summary>
    public async Task<IReadOnlyDictionary<string, SenatorRow>> GetByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SenatorRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE s.id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id);
    }

    /// <summary>For each senator id, their group memberships, latest first, in one round trip.</summary>
    public async Task<ILookup<string, SenatorGroupRow>> GroupHistoryAsync(IReadOnlyCollection<string> senatorIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SenatorGroupRow>(new CommandDefinition(
            """
            SELECT sg.senator_id, sg.group_code, coalesce(g.label, sg.group_code) AS group_label, sg.membership, sg.start_date, sg.end_date
            FROM opendata.senator_groups sg
            LEFT JOIN opendata.political_groups g ON g.code = sg.group_code
            WHERE sg.senator_id = ANY(@ids)
            ORDER BY sg.senator_id, sg.start_date DESC NULLS LAST, sg.end_date DESC NULLS FIRST, sg.group_code
            """, new { ids = senatorIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.SenatorId);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, SenatorFilter filter, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        Where(filter, where);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM opendata.senators s WHERE {where.Sql}", where.Parameters, cancellationToken: cancellationToken));
    }

    private static void Where(SenatorFilter filter, SqlWhere where)
    {
        // LIKE wildcards typed by the user are matched literally.
        if (!string.IsNullOrWhiteSpace(filter.Q))
            where.Add("s.search_name LIKE '%' || replace(replace(replace(opendata_meta.fold({0}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'", filter.Q.Trim());
        where.AddIf(filter.Active is not null, "s.active = {0}", filter.Active);
        where.AddIf(filter.Group is not null, "s.group_code = {0}", filter.Group);
        where.AddIf(filter.Constituency is not null, "s.constituency = {0}", filter.Constituency);
    }

    private static (string Sql, DynamicParameters Parameters) Build(SenatorFilter filter, string? cursor, int? limit)
    {
        var where = new SqlWhere();
        Where(filter, where);
        if (cursor is not null)
        {
            var keys = Cursor.Decode(cursor, SortName, 3);
            if (keys is null || keys.Any(k => k.ValueKind != JsonValueKind.String)) throw new InvalidCursorException();
            where.AddRaw($"({LastKey}, {FirstKey}, s.id) > ({where.Bind(keys[0].GetString()!)}, {where.Bind(keys[1].GetString()!)}, {where.Bind(keys[2].GetString()!)})");
        }
        var sql = $"""
            SELECT {Columns}, {LastKey} AS sort_last, {FirstKey} AS sort_first
            FROM {From}
            WHERE {where.Sql}
            ORDER BY {LastKey}, {FirstKey}, s.id
            {(limit is { } n ? $"LIMIT {where.Bind(n)}" : "")}
            """;
        return (sql, where.Parameters);
    }
}
