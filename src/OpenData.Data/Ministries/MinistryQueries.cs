using System.Text.Json;
using Dapper;
using Npgsql;
using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Ministries;

/// <summary>Reads ministries for REST and GraphQL alike: latest first, exports, batches by id.</summary>
public sealed class MinistryQueries(NpgsqlDataSource dataSource)
{
    private const string SortName = "-startDate";

    // Ministries without a start date sort last: the key replaces NULL by a sentinel.
    private const string Key = "coalesce(m.start_date, '0001-01-01'::date)";

    private const string Columns = """
        m.id, m.name, m.full_name, m.minister_title, m.journal_title, m.minister_name, m.start_date, m.end_date, m.current,
        m.protocol_order, m.successor_id, m.predecessor_ids, m.lineage_ids, m.question_count
        """;

    /// <summary>One page after <paramref name="cursor"/> (null: the first page), with the exact total.</summary>
    public async Task<Page<MinistryRow>> PageAsync(MinistryFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(filter, cursor, limit + 1);
        return await Keyset.PageAsync<MinistryRow>(dataSource, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            connection => CountAsync(connection, filter, cancellationToken), limit, row => Cursor.Encode(SortName, row.SortKey, row.Id),
            filtered: SqlWhere.AnyCondition(w => Where(filter, w)));
    }

    /// <summary>The exact number of ministries matching the filter.</summary>
    public async Task<long> CountAsync(MinistryFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, filter, cancellationToken);
    }

    /// <summary>Every matching row after the cursor, up to <paramref name="limit"/> (null: all), streamed from the server.</summary>
    public IAsyncEnumerable<MinistryRow> StreamAsync(MinistryFilter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(filter, cursor, limit);
        return Keyset.StreamAsync<MinistryRow>(dataSource, sql, parameters, cancellationToken);
    }

    public async Task<MinistryRow?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await GetByIdsAsync([id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>Batch lookup for DataLoaders, successors and predecessors: one round trip whatever the number of ids.</summary>
    public async Task<IReadOnlyDictionary<long, MinistryRow>> GetByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return new Dictionary<long, MinistryRow>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MinistryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM opendata.ministries m WHERE m.id = ANY(@ids)", new { ids = ids.Distinct().ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, MinistryFilter filter, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        Where(filter, where);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM opendata.ministries m WHERE {where.Sql}", where.Parameters, cancellationToken: cancellationToken));
    }

    private static void Where(MinistryFilter filter, SqlWhere where)
    {
        // LIKE wildcards typed by the user are matched literally.
        if (!string.IsNullOrWhiteSpace(filter.Q))
            where.Add("m.search_name LIKE '%' || replace(replace(replace(opendata_meta.fold({0}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'", filter.Q.Trim());
        where.AddIf(filter.Current is not null, "m.current = {0}", filter.Current);
    }

    private static (string Sql, DynamicParameters Parameters) Build(MinistryFilter filter, string? cursor, int? limit)
    {
        var where = new SqlWhere();
        Where(filter, where);
        if (cursor is not null)
        {
            var keys = Cursor.Decode(cursor, SortName, 2);
            if (keys is null || keys[0].ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(keys[0].GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var key)
                || keys[1].ValueKind != JsonValueKind.Number || !keys[1].TryGetInt64(out var id))
                throw new InvalidCursorException();
            where.AddRaw($"({Key}, m.id) < ({where.Bind(key.ToDateTime(TimeOnly.MinValue))}::date, {where.Bind(id)})");
        }
        var sql = $"""
            SELECT {Columns}, {Key}::text AS sort_key
            FROM opendata.ministries m
            WHERE {where.Sql}
            ORDER BY {Key} DESC, m.id DESC
            {(limit is { } n ? $"LIMIT {where.Bind(n)}" : "")}
            """;
        return (sql, where.Parameters);
    }
}
