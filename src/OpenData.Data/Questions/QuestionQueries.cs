using Dapper;
using Npgsql;
using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Questions;

/// <summary>Reads questions for REST and GraphQL alike: pages, exports, batches by id.</summary>
public sealed class QuestionQueries(NpgsqlDataSource dataSource)
{
    private readonly TotalsCache totals = new();

    /// <summary>
    /// One page after <paramref name="cursor"/> (null: the first page), with the exact total. With a full-text
    /// query and <paramref name="highlight"/>, each row's <see cref="QuestionRow.Highlight"/> too: PostgreSQL
    /// re-parses each title and text for it, which costs more than finding the page, so it is asked for.
    /// </summary>
    public async Task<Page<QuestionRow>> PageAsync(QuestionFilter filter, QuestionSort sort, string? cursor, int limit, bool highlight, CancellationToken cancellationToken)
    {
        var (sql, parameters, spec) = Build(filter, sort, cursor, limit + 1, highlight);
        var countWhere = new SqlWhere();
        QuestionSql.Where(filter, countWhere);
        return await Keyset.PageAsync<QuestionRow>(dataSource, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            connection => CountAsync(connection, countWhere, cancellationToken), limit, row => Cursor.Encode(spec.Name, row.SortKey, row.Id),
            filtered: !countWhere.IsEmpty);
    }

    /// <summary>The exact number of questions matching the filter.</summary>
    public async Task<long> CountAsync(QuestionFilter filter, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        QuestionSql.Where(filter, where);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CountAsync(connection, where, cancellationToken);
    }

    /// <summary>
    /// Without filters the total is the dataset's row count, recorded at import: no scan. With filters it is
    /// counted once per dataset version and remembered.
    /// </summary>
    private Task<long> CountAsync(NpgsqlConnection connection, SqlWhere where, CancellationToken cancellationToken) =>
        where.IsEmpty
            ? connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT (row_counts->>'questions')::bigint FROM opendata.dataset", cancellationToken: cancellationToken))
            : totals.GetOrCountAsync(connection, "questions", where, () => connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT count(*) FROM opendata.questions q WHERE {where.Sql}", where.Parameters, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Every matching row after the cursor, up to <paramref name="limit"/> (null: all), streamed from the server.</summary>
    public IAsyncEnumerable<QuestionRow> StreamAsync(QuestionFilter filter, QuestionSort sort, string? cursor, int? limit, bool highlight, CancellationToken cancellationToken)
    {
        var (sql, parameters, _) = Build(filter, sort, cursor, limit, highlight);
        return Keyset.StreamAsync<QuestionRow>(dataSource, sql, parameters, cancellationToken);
    }

    public async Task<QuestionRow?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await GetByIdsAsync([id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>Batch lookup for DataLoaders and details: one round trip whatever the number of ids.</summary>
    public async Task<IReadOnlyDictionary<string, QuestionRow>> GetByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<QuestionRow>(new CommandDefinition(
            $"SELECT {QuestionSql.Columns} FROM opendata.questions q WHERE q.id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id);
    }

    /// <summary>For each question id, the later questions that remind it, oldest first.</summary>
    public async Task<ILookup<string, QuestionRow>> RemindersOfAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<QuestionRow>(new CommandDefinition(
            $"SELECT {QuestionSql.Columns} FROM opendata.questions q WHERE q.reminds_question_id = ANY(@ids) ORDER BY q.published_at, q.id",
            new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.RemindsQuestionId!);
    }

    private static (string Sql, DynamicParameters Parameters, QuestionSql.SortSpec Spec) Build(QuestionFilter filter, QuestionSort sort, string? cursor, int? limit, bool highlight)
    {
        var where = new SqlWhere();
        var tsQuery = QuestionSql.Where(filter, where);
        var spec = QuestionSql.Spec(sort, tsQuery);
        if (cursor is not null)
        {
            var keys = Cursor.Decode(cursor, spec.Name, 2) ?? throw new InvalidCursorException();
            if (keys[0].ValueKind != System.Text.Json.JsonValueKind.String || keys[1].ValueKind != System.Text.Json.JsonValueKind.String)
                throw new InvalidCursorException();
            QuestionSql.After(spec, keys[0].GetString()!, keys[1].GetString()!, where);
        }
        var limitSql = limit is { } n ? $"LIMIT {where.Bind(n)}" : "";
        var excerpt = tsQuery is null || !highlight
            ? "NULL::text"
            : $"ts_headline({QuestionSql.TextSearchConfig}, coalesce(page.title, '') || ' — ' || coalesce(page.text, ''), {tsQuery}, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=\" … \"')";
        var sql = $"""
            WITH page AS (
                SELECT {QuestionSql.Columns}, ({spec.Key})::text AS sort_key
                FROM opendata.questions q
                WHERE {where.Sql}
                ORDER BY {QuestionSql.OrderBy(spec)}
                {limitSql}
            )
            SELECT page.*, {excerpt} AS highlight FROM page
            """;
        return (sql, where.Parameters, spec);
    }
}
