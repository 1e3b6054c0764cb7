using Dapper;
using OpenData.Data.Answers;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Representations;

namespace OpenData.Data.Questions;

/// <summary>Reads questions for REST and GraphQL alike: pages, exports, batches by id.</summary>
public sealed class QuestionQueries(DatasetSession session, TotalsCache totals)
{
    /// <summary>
    /// The page rows a question's row weighs (<see cref="BatchWork.PageRows"/>): with its text, its names and its cursor
    /// about four times an answer's (measured at 300,000 questions: a page of 20 questions 0.9 ms of PostgreSQL, of 200
    /// 4 ms; of 20 answers 0.2 ms).
    /// </summary>
    public const int RowWeight = 2;

    /// <summary>The page rows a question's detail weighs: its row, its answer, its reminders and its events (0.28 ms).</summary>
    public const int DetailWeight = 10 * RowWeight;

    /// <summary>The orders of question lists (REST's sort, GraphQL's QuestionOrder), the default first.</summary>
    public static IReadOnlyList<SortOption<QuestionSort>> Sorts => QuestionSql.Sorts;

    /// <summary>
    /// One page after <paramref name="cursor"/> (null: the first page), with the exact total. With a full-text
    /// query and <paramref name="highlight"/>, each row's <see cref="QuestionRow.Highlight"/> too: PostgreSQL
    /// re-parses each title and text for it, which costs more than finding the page, so it is asked for.
    /// </summary>
    public Deferred<Page<QuestionRow>> Page(ReadBatch batch, QuestionFilter filter, QuestionSort sort, string? cursor, int limit, bool highlight) =>
        Page<QuestionRow>(batch, Typed, r => r.Cursor, filter, sort, cursor, limit, highlight);

    public Task<Page<QuestionRow>> PageAsync(QuestionFilter filter, QuestionSort sort, string? cursor, int limit, bool highlight, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, filter, sort, cursor, limit, highlight), cancellationToken);
    }

    /// <summary>One page as REST represents it (<see cref="QuestionRepresentations.Question"/>, with its highlight when asked for).</summary>
    public Deferred<Page<JsonRow>> JsonPage(ReadBatch batch, QuestionFilter filter, QuestionSort sort, string? cursor, int limit, bool highlight) =>
        Page(batch, Represented(highlight), r => r.Cursor, filter, sort, cursor, limit, highlight,
            new RepresentationWriter(QuestionRepresentations.Question, highlight).Rows(withCursor: true));

    private Deferred<Page<T>> Page<T>(ReadBatch batch, Func<string, string> select, Func<T, string?> cursorOf, QuestionFilter filter, QuestionSort sort,
        string? cursor, int limit, bool highlight, Func<System.Data.Common.DbDataReader, T>? parse = null)
    {
        var (sql, total) = Build(batch, select, filter, sort, cursor, limit + 1, highlight);
        batch.Work.PageRow(Saturating.Times(limit, RowWeight));
        return Paging.Keyset.Read(batch, sql, total, cursorOf, limit, parse);
    }

    /// <summary>
    /// An export as REST represents it: the total, then every matching row after the cursor, up to <paramref name="limit"/>
    /// (null: all), streamed as PostgreSQL sends them, in one command (one dataset).
    /// </summary>
    public Export<JsonRow> Export(QuestionFilter filter, QuestionSort sort, string? cursor, int? limit, bool highlight, bool csv, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        batch.StatementTimeout = session.ExportTimeout;
        var (sql, total) = Build(batch, Represented(highlight), filter, sort, cursor, limit, highlight);
        var count = batch.Add(total.Statement, grid => total.ReadAsync(grid, batch));
        return new Export<JsonRow>(count, batch.StreamAsync(sql, new RepresentationWriter(QuestionRepresentations.Question, highlight).Exported(csv), cancellationToken), limit);
    }

    /// <summary>A question with its answer and the questions that remind it, oldest first: one statement; null when there is none.</summary>
    public Deferred<QuestionDetail?> Detail(ReadBatch batch, string id)
    {
        batch.Work.PageRow(DetailWeight);
        var where = batch.Where();
        var sql = $"""
            SELECT {QuestionSql.Columns}, {QuestionSql.GroupLabel("q")},
                (SELECT to_json(answer) FROM (SELECT {AnswerQueries.Columns} FROM opendata.answers a WHERE a.question_id = q.id) answer) AS answer_json,
                rem.reminder_ids, rem.reminder_dates, rem.reminder_titles,
                (SELECT json_agg(e ORDER BY {QuestionEvents.Order}) FROM {QuestionEvents.From("q")} e) AS events_json
            FROM opendata.questions q
            CROSS JOIN LATERAL (
                SELECT array_agg(r.id ORDER BY r.published_at, r.id) AS reminder_ids,
                       array_agg(r.published_at ORDER BY r.published_at, r.id) AS reminder_dates,
                       array_agg(r.title ORDER BY r.published_at, r.id) AS reminder_titles
                FROM opendata.questions r WHERE r.reminds_question_id = q.id) rem
            WHERE q.id = {where.Bind(id)}
            """;
        return batch.Add(sql, async grid => (await grid.ReadAsync<QuestionDetailRow>()).SingleOrDefault()?.ToDetail());
    }

    /// <summary>A question as REST's detail represents it (<see cref="QuestionRepresentations.Detail"/>): one statement; null when there is none.</summary>
    public Deferred<JsonRow?> JsonDetail(ReadBatch batch, string id)
    {
        batch.Work.PageRow(DetailWeight);
        var where = batch.Where();
        var rows = new RepresentationWriter(QuestionRepresentations.Detail).Rows(withCursor: false);
        return batch.Add($"{DetailSelect} WHERE q.id = {where.Bind(id)}) d", async grid => (await grid.ReadAsync(rows)).SingleOrDefault());
    }

    // The detail's statement but for its id and the closing parenthesis: the representation over the columns it reads.
    private static readonly string DetailSelect = $"""
        SELECT {QuestionRepresentations.Detail.Columns("d")}
        FROM (SELECT {Graph.PageColumns.Select(QuestionSql.Columns, QuestionRepresentations.Detail.Columns("d"), "d", "").TrimEnd(',', ' ')} FROM opendata.questions q
        """;

    /// <summary>Whether a question exists (a nested route answers 404 for one that does not).</summary>
    public Deferred<bool> Exists(ReadBatch batch, string id)
    {
        var where = batch.Where();
        return batch.Add($"SELECT EXISTS (SELECT FROM opendata.questions WHERE id = {where.Bind(id)})", grid => grid.ReadSingleAsync<bool>());
    }

    /// <summary>Whether <paramref name="cursor"/> resumes a question list in this order.</summary>
    public static bool IsCursor(QuestionSort sort, string cursor) => QuestionSql.Keyset(sort, "NULL::tsquery").Accepts(cursor);


    // What a page reads of each question (its rows named "page", the highlight's excerpt in "highlight"): its row, or REST's JSON of it.
    private static string Typed(string page) => $"{page}.*, {QuestionSql.GroupLabel(page)}";

    private static Func<string, string> Represented(bool highlight) => page => $"{QuestionRepresentations.Question.Columns(page, optional: highlight)}, {page}.cursor";


    // The columns a page carries for REST's JSON, by what reads them and the cursor of its order (a few of each).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Outer, string Cursor), string> PageOf = new();

    private (string Sql, ListTotal Total) Build(ReadBatch batch, Func<string, string> select, QuestionFilter filter, QuestionSort sort, string? cursor, int? limit, bool highlight)
    {
        var where = batch.Where();
        var tsQuery = QuestionSql.Where(filter, where);
        var keyset = QuestionSql.PageOrder(filter, sort, tsQuery, where, batch.Work, limit);
        if (!where.IsEmpty) batch.PlanForValues = true;
        if (tsQuery is not null) batch.Work.Search(ranked: sort == QuestionSort.Relevance, pageRows: limit, highlightedRows: highlight ? limit ?? 0 : 0);
        var total = new ListTotal(totals, "questions", "opendata.questions q", where, batch, filter.CountKind());
        var page = where.Extend();
        if (cursor is not null) keyset.After(cursor, page);
        var limitSql = limit is { } n ? $"LIMIT {page.Bind(n)}" : "";
        var excerpt = tsQuery is null || !highlight
            ? "NULL::text"
            : $"ts_headline({QuestionSql.TextSearchConfig}, coalesce(page.title, '') || ' — ' || coalesce(page.text, ''), {tsQuery}, '{QuestionSql.HighlightOptions}')";
        var outer = select("h");
        // The page carries what the rows are read for: every column as a typed row (h.*), else those REST's JSON reads.
        var columns = outer.StartsWith("h.*", StringComparison.Ordinal)
            ? $"{QuestionSql.Columns}, {keyset.CursorColumn}"
            : PageOf.GetOrAdd((outer, keyset.CursorColumn), key => Graph.PageColumns.Select(QuestionSql.Columns, key.Outer, "h", key.Cursor).TrimEnd(',', ' '));
        var sql = $"""
            WITH page AS (
                SELECT {columns}
                FROM opendata.questions q
                WHERE {page.Sql}
                ORDER BY {keyset.OrderBy}
                {limitSql}
            )
            SELECT {outer} FROM (SELECT page.*, {excerpt} AS highlight FROM page) h
            """;
        return (sql, total);
    }
}
