using Dapper;
using OpenData.Data.Changes;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Answers;

/// <summary>Reads answers for REST and GraphQL alike: pages, exports, batches by question id.</summary>
public sealed class AnswerQueries(DatasetSession session, TotalsCache totals)
{
    internal static readonly string Columns = $"""
        a.question_id, a.published_at, a.text, a.delay_days, a.ministry_id, a.ministry_name, a.journal_page, a.url,
        a.common_answer_id, a.shared_with, a.erratum_page, a.erratum_date, a.erratum_text, a.updated_version,
        {Updates.At("a")} AS updated_at
        """;

    /// <summary>The columns GraphQL's pages of answers may read: <see cref="Columns"/> and whether the ministries table lists the ministry (migration 0019).</summary>
    internal static readonly string GraphColumns = $"{Columns}, a.ministry_listed";

    public static readonly IReadOnlyList<SortOption<AnswerSort>> Sorts =
    [
        new(AnswerSort.PublishedDesc, "-publishedAt", "Latest answers first (the default)."),
        new(AnswerSort.PublishedAsc, "publishedAt", "Oldest first."),
        new(AnswerSort.DelayAsc, "delayDays", "Quickest answers first, answers without a delay last."),
        new(AnswerSort.DelayDesc, "-delayDays", "Slowest answers first, answers without a delay last."),
        new(AnswerSort.UpdatedDesc, "-updatedAt", "Latest changed first."),
        new(AnswerSort.UpdatedAsc, "updatedAt", "Earliest changed first."),
    ];

    private static readonly KeyPart Id = new("a.question_id", KeyType.Text);

    internal static Keyset Keyset(AnswerSort sort)
    {
        var name = Sorts.Of(sort).Name;
        return sort switch
        {
            AnswerSort.PublishedAsc => new(name, false, new KeyPart("a.published_at", KeyType.Date), Id),
            AnswerSort.DelayAsc => new(name, false, new KeyPart("coalesce(a.delay_days, 2147483647)", KeyType.Integer), Id),
            AnswerSort.DelayDesc => new(name, true, new KeyPart("coalesce(a.delay_days, -1)", KeyType.Integer), Id),
            AnswerSort.UpdatedDesc => new(name, true, Updates.Key("a"), Id),
            AnswerSort.UpdatedAsc => new(name, false, Updates.Key("a"), Id),
            _ => new(name, true, new KeyPart("a.published_at", KeyType.Date), Id),
        };
    }

    public Deferred<Page<AnswerRow>> Page(ReadBatch batch, AnswerFilter filter, AnswerSort sort, string? cursor, int limit) =>
        Page<AnswerRow>(batch, Columns, r => r.Cursor, filter, sort, cursor, limit, null);

    public Task<Page<AnswerRow>> PageAsync(AnswerFilter filter, AnswerSort sort, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, filter, sort, cursor, limit), cancellationToken);
    }

    /// <summary>One page as REST represents it (<see cref="AnswerRepresentations.Answer"/>).</summary>
    public Task<Page<JsonRow>> JsonPageAsync(AnswerFilter filter, AnswerSort sort, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Page(batch, Represented, r => r.Cursor, filter, sort, cursor, limit, new RepresentationWriter(AnswerRepresentations.Answer).Rows(withCursor: true)), cancellationToken);
    }

    /// <summary>The total, then every matching answer as REST represents it after the cursor, up to <paramref name="limit"/> (null: all).</summary>
    public Export<JsonRow> Export(AnswerFilter filter, AnswerSort sort, string? cursor, int? limit, bool csv, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        batch.StatementTimeout = session.ExportTimeout;
        var (sql, total) = Build(batch, Represented, filter, sort, cursor, limit);
        var count = batch.Add(total.Statement, grid => total.ReadAsync(grid, batch));
        return new Export<JsonRow>(count, batch.StreamAsync(sql, new RepresentationWriter(AnswerRepresentations.Answer).Exported(csv), cancellationToken), limit);
    }

    private Deferred<Page<T>> Page<T>(ReadBatch batch, string columns, Func<T, string?> cursorOf, AnswerFilter filter, AnswerSort sort, string? cursor, int limit,
        Func<System.Data.Common.DbDataReader, T>? parse)
    {
        var (sql, total) = Build(batch, columns, filter, sort, cursor, limit + 1);
        batch.Work.PageRow(limit);
        return Paging.Keyset.Read(batch, sql, total, cursorOf, limit, parse);
    }

    // What a page reads of each answer: its row, or REST's JSON of it.
    private static readonly string Represented = AnswerRepresentations.Answer.Columns("a");

    /// <summary>Whether <paramref name="cursor"/> resumes an answer list in this order.</summary>
    public static bool IsCursor(AnswerSort sort, string cursor) => Keyset(sort).Accepts(cursor);


    /// <summary>How the total of the list is counted: by the full-text index, or over the rows a filter selects.</summary>
    internal static CountKind CountKind(AnswerFilter filter) => filter.Searches ? Reading.CountKind.FullText : Reading.CountKind.Filtered;

    internal static void Where(AnswerFilter filter, SqlWhere where)
    {
        if (filter.Searches)
            where.MatchesWords("opendata.answers", "a", filter.Q);
        where.AddIf(filter.Ministry is not null, "a.ministry_id = {0}", filter.Ministry);
        where.AddIf(filter.PublishedFrom is not null, "a.published_at >= {0}::date", filter.PublishedFrom);
        where.AddIf(filter.PublishedTo is not null, "a.published_at <= {0}::date", filter.PublishedTo);
        Updates.Since(where, "a", filter.UpdatedSince);
    }

    private (string Sql, ListTotal Total) Build(ReadBatch batch, string columns, AnswerFilter filter, AnswerSort sort, string? cursor, int? limit)
    {
        var where = batch.Where();
        Where(filter, where);
        if (!where.IsEmpty) batch.PlanForValues = true;
        if (filter.Searches) batch.Work.Search(ranked: false, pageRows: limit, highlightedRows: 0);
        var keyset = Keyset(sort);
        var total = new ListTotal(totals, "answers", "opendata.answers a", where, batch, CountKind(filter));
        var page = where.Extend();
        if (cursor is not null) keyset.After(cursor, page);
        var sql = $"""
            SELECT {columns}, {keyset.CursorColumn}
            FROM opendata.answers a
            WHERE {page.Sql}
            ORDER BY {keyset.OrderBy}
            {(limit is { } n ? $"LIMIT {page.Bind(n)}" : "")}
            """;
        return (sql, total);
    }
}
