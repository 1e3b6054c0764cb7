using Dapper;
using Npgsql;
using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Answers;

public sealed class AnswerQueries(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        a.question_id, a.published_at, a.text, a.delay_days, a.ministry_id, a.ministry_name, a.journal_page, a.url,
        a.common_answer_id, a.shared_with, a.erratum_page, a.erratum_date, a.erratum_text
        """;

    private sealed record SortSpec(string Name, string Key, string SqlType, bool Descending);

    private static SortSpec Spec(AnswerSort sort) => sort switch
    {
        AnswerSort.PublishedAsc => new("publishedAt", "a.published_at", "date", false),
        AnswerSort.DelayAsc => new("delayDays", "coalesce(a.delay_days, 2147483647)", "integer", false),
        AnswerSort.DelayDesc => new("-delayDays", "coalesce(a.delay_days, -1)", "integer", true),
        _ => new("-publishedAt", "a.published_at", "date", true),
    };

    public async Task<Page<AnswerRow>> PageAsync(AnswerFilter filter, AnswerSort sort, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters, spec) = Build(filter, sort, cursor, limit + 1);
        return await Keyset.PageAsync<AnswerRow>(dataSource, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            connection => CountAsync(connection, filter, cancellationToken), limit, row => Cursor.Encode(spec.Name, row.SortKey, row.QuestionId),
            filtered: SqlWhere.AnyCondition(w => Where(filter, w)));
    }

    public async Task<long> CountAsync(AnswerFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, filter, cancellationToken);
    }

    public IAsyncEnumerable<AnswerRow> StreamAsync(AnswerFilter filter, AnswerSort sort, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (sql, parameters, _) = Build(filter, sort, cursor, limit);
        return Keyset.StreamAsync<AnswerRow>(dataSource, sql, parameters, cancellationToken);
    }

    /// <summary>The answers of the given questions (those that have one), in one round trip.</summary>
    public async Task<IReadOnlyDictionary<string, AnswerRow>> GetByQuestionIdsAsync(IReadOnlyCollection<string> questionIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AnswerRow>(new CommandDefinition(
            $"SELECT {Columns} FROM opendata.answers a WHERE a.question_id = ANY(@ids)", new { ids = questionIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.QuestionId);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, AnswerFilter filter, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        Where(filter, where);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(where.IsEmpty
            ? "SELECT (row_counts->>'answers')::bigint FROM opendata.dataset"
            : $"SELECT count(*) FROM opendata.answers a WHERE {where.Sql}", where.Parameters, cancellationToken: cancellationToken));
    }

    private static void Where(AnswerFilter filter, SqlWhere where)
    {
        if (!string.IsNullOrWhiteSpace(filter.Q))
            where.AddRaw($"a.search @@ websearch_to_tsquery('opendata_meta.french_unaccent', {where.Bind(filter.Q)})");
        where.AddIf(filter.Ministry is not null, "a.ministry_id = {0}", filter.Ministry);
        where.AddIf(filter.PublishedFrom is not null, "a.published_at >= {0}::date", filter.PublishedFrom?.ToDateTime(TimeOnly.MinValue));
        where.AddIf(filter.PublishedTo is not null, "a.published_at <= {0}::date", filter.PublishedTo?.ToDateTime(TimeOnly.MinValue));
    }

    private static (string, DynamicParameters, SortSpec) Build(AnswerFilter filter, AnswerSort sort, string? cursor, int? limit)
    {
        var where = new SqlWhere();
        Where(filter, where);
        var spec = Spec(sort);
        if (cursor is not null)
        {
            var keys = Cursor.Decode(cursor, spec.Name, 2);
            if (keys is null || keys.Any(k => k.ValueKind != System.Text.Json.JsonValueKind.String)) throw new InvalidCursorException();
            var op = spec.Descending ? "<" : ">";
            where.AddRaw($"({spec.Key}, a.question_id) {op} ({where.Bind(keys[0].GetString()!)}::{spec.SqlType}, {where.Bind(keys[1].GetString()!)})");
        }
        var direction = spec.Descending ? "DESC" : "ASC";
        var sql = $"""
            SELECT {Columns}, ({spec.Key})::text AS sort_key
            FROM opendata.answers a
            WHERE {where.Sql}
            ORDER BY {spec.Key} {direction}, a.question_id {direction}
            {(limit is { } n ? $"LIMIT {where.Bind(n)}" : "")}
            """;
        return (sql, where.Parameters, spec);
    }
}
