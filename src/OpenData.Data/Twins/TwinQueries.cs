using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Representations;

namespace OpenData.Data.Twins;

/// <summary>A question similar to another: the question, and how similar its text is (Jaccard, in [0, 1]).</summary>
public sealed record SimilarQuestionRow : QuestionRow
{
    public float Similarity { get; init; }
}

/// <summary>What <c>/v1/twins</c> filters by: a ministry among the group's, its earliest question's publication, its size.</summary>
public sealed record TwinFilter(long? Ministry = null, DateOnly? PublishedFrom = null, DateOnly? PublishedTo = null, int MinSize = TwinFilter.DefaultMinSize)
{
    public const int DefaultMinSize = 2;
    public const int MaxMinSize = 1_000;

    /// <summary>What is wrong with the filter, by field (REST's parameter, GraphQL's filter field); none when it is right.</summary>
    public IEnumerable<(string Field, string Problem)> Broken()
    {
        if (MinSize is < DefaultMinSize or > MaxMinSize) yield return ("minSize", $"must be between {DefaultMinSize} and {MaxMinSize}");
        if (PublishedFrom > PublishedTo) yield return ("publishedFrom", "is after publishedTo");
    }
}

/// <summary>A group of twin questions: named by its earliest question, its members in publication order.</summary>
public sealed record TwinGroupRow
{
    public required string Id { get; init; }
    public int Size { get; init; }
    public required string[] QuestionIds { get; init; }
    public DateOnly PublishedFrom { get; init; }
    public DateOnly PublishedTo { get; init; }
    public required string[] SenatorIds { get; init; }
    public required string[] GroupCodes { get; init; }
    public float MinSimilarity { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>A code and its label (the label the code when the lookup lacks it).</summary>
public sealed record CodeLabelRow(string Code, string Label, long Count = 0);

/// <summary>Reads the twin questions each import finds (migration 0012): a question's similar ones, and the groups.</summary>
public sealed class TwinQueries
{
    /// <summary>
    /// The similarity from which two questions are twins, listed as similar and grouped (the import's TwinFinder keeps
    /// no pair below it): measured on planted twins and decoys (README, "Twin questions").
    /// </summary>
    public const double Threshold = 0.4;

    /// <summary>The name of the groups' count in the dataset's row counts (the table's, as the importer records every count).</summary>
    public const string RowCount = "twin_groups";

    /// <summary>
    /// A group of a page is read as this many page rows: its questions (each found by its id, its author's group by its
    /// code), its senators and its political groups, as JSON (measured at 300,000 questions, 200 groups of 5 questions on
    /// average: 30-40 ms of PostgreSQL time, 0.15-0.2 ms a group, when .NET wrote the senators and the JSON for weight 16;
    /// 45-58 ms, 0.22-0.29 ms a group, since PostgreSQL writes REST's whole representation, TwinRepresentations).
    /// </summary>
    public const int GroupRowWeight = 24;

    /// <summary>Whether <paramref name="cursor"/> resumes a similar list.</summary>
    public static bool IsSimilarCursor(string cursor) => SimilarOrder.Accepts(cursor);

    /// <summary>Whether <paramref name="cursor"/> resumes the list of groups.</summary>
    public static bool IsGroupCursor(string cursor) => GroupOrder.Accepts(cursor);

    /// <summary>A question's similar ones: the most similar first (then by id, the larger first).</summary>
    internal static readonly Keyset SimilarOrder = new("similarity", true, new KeyPart("s.similarity", KeyType.Real), new KeyPart("s.similar_id", KeyType.Text));

    /// <summary>Groups: the largest first (then by id, the larger first).</summary>
    internal static readonly Keyset GroupOrder = new("size", true, new KeyPart("g.size", KeyType.Integer), new KeyPart("g.id", KeyType.Text));

    /// <summary>The questions similar to <paramref name="id"/>, a page after <paramref name="cursor"/>, with their total.</summary>
    public Deferred<Page<SimilarQuestionRow>> Similar(ReadBatch batch, string id, string? cursor, int limit) =>
        Similar<SimilarQuestionRow>(batch, page => $"{page}.*, {QuestionSql.GroupLabel(page)}, NULL::text AS highlight", r => r.Cursor, id, cursor, limit, null);

    /// <summary>The same, as REST represents them (<see cref="QuestionRepresentations.Similar"/>).</summary>
    public Deferred<Page<JsonRow>> JsonSimilar(ReadBatch batch, string id, string? cursor, int limit) =>
        Similar(batch, page => $"{QuestionRepresentations.Similar.Columns(page)}, {page}.cursor", r => r.Cursor, id, cursor, limit,
            new RepresentationWriter(QuestionRepresentations.Similar).Rows(withCursor: true));

    // The rows read by Dapper, or by parse.
    private Deferred<Page<T>> Similar<T>(ReadBatch batch, Func<string, string> select, Func<T, string?> cursorOf, string id, string? cursor, int limit,
        Func<System.Data.Common.DbDataReader, T>? parse)
    {
        var where = batch.Where();
        where.Add("s.question_id = {0}", id);
        var total = $"SELECT count(*) FROM opendata.question_similar s WHERE {where.Sql}";
        var page = where.Extend();
        if (cursor is not null) SimilarOrder.After(cursor, page);
        batch.Work.PageRow(limit);
        batch.Work.Count(CountKind.ByKey);
        var sql = $"""
            WITH page AS (
                SELECT {QuestionSql.Columns}, s.similarity, {SimilarOrder.CursorColumn}
                FROM opendata.question_similar s JOIN opendata.questions q ON q.id = s.similar_id
                WHERE {page.Sql}
                ORDER BY {SimilarOrder.OrderBy}
                LIMIT {page.Bind(limit + 1)}
            )
            SELECT {select("page")} FROM page
            """;
        return Paged(batch, sql, total, cursorOf, limit, parse);
    }

    /// <summary>A page of the groups <paramref name="filter"/> selects, the largest first, with their total.</summary>
    public Deferred<Page<TwinGroupRow>> Groups(ReadBatch batch, TwinFilter filter, string? cursor, int limit) =>
        Groups<TwinGroupRow>(batch, "g.id, g.size, g.question_ids, g.published_from, g.published_to, g.senator_ids, g.group_codes, g.min_similarity",
            r => r.Cursor, filter, cursor, limit, null);

    /// <summary>The same, as REST represents them (<see cref="TwinRepresentations.TwinGroup"/>).</summary>
    public Deferred<Page<JsonRow>> JsonGroups(ReadBatch batch, TwinFilter filter, string? cursor, int limit) =>
        Groups(batch, TwinRepresentations.TwinGroup.Columns("g"), r => r.Cursor, filter, cursor, limit,
            new RepresentationWriter(TwinRepresentations.TwinGroup).Rows(withCursor: true));

    // The rows read by Dapper, or by parse; the columns are followed by the cursor.
    private static Deferred<Page<T>> Groups<T>(ReadBatch batch, string columns, Func<T, string?> cursorOf, TwinFilter filter, string? cursor, int limit,
        Func<System.Data.Common.DbDataReader, T>? parse)
    {
        var where = Where(batch, filter);
        var total = $"SELECT count(*) FROM opendata.twin_groups g WHERE {where.Sql}";
        var page = where.Extend();
        if (cursor is not null) GroupOrder.After(cursor, page);
        batch.Work.PageRow(Reading.Saturating.Times(limit, GroupRowWeight));
        batch.Work.Count(CountKind.ByKey);
        var sql = $"""
            SELECT {columns}, {GroupOrder.CursorColumn}
            FROM opendata.twin_groups g
            WHERE {page.Sql}
            ORDER BY {GroupOrder.OrderBy}
            LIMIT {page.Bind(limit + 1)}
            """;
        return Paged(batch, sql, total, cursorOf, limit, parse);
    }

    // A page's statement and its total's: its rows read by Dapper, or by parse.
    private static Deferred<Page<T>> Paged<T>(ReadBatch batch, string sql, string total, Func<T, string?> cursorOf, int limit,
        Func<System.Data.Common.DbDataReader, T>? parse) =>
        batch.Add([sql, total], async grid =>
        {
            var rows = parse is null ? await grid.ReadAsync<T>() : await grid.ReadAsync(parse);
            return Keyset.Page(rows, cursorOf, limit, await grid.ReadSingleAsync<long>());
        });

    /// <summary>For each political group, how many of the selected twin groups have a senator of it: which groups carry the same words.</summary>
    public Deferred<List<CodeLabelRow>> GroupFacet(ReadBatch batch, TwinFilter filter)
    {
        var where = Where(batch, filter);
        batch.Work.Count(CountKind.ByKey);
        return batch.Add($"""
            SELECT c.code, coalesce(pg.label, c.code) AS label, c.count
            FROM (SELECT code, count(*) AS count FROM opendata.twin_groups g, unnest(g.group_codes) code WHERE {where.Sql} GROUP BY code) c
            LEFT JOIN opendata.political_groups pg ON pg.code = c.code
            ORDER BY c.count DESC, c.code
            """, grid => grid.ReadAsync<CodeLabelRow>());
    }

    private static Sql.SqlWhere Where(ReadBatch batch, TwinFilter filter) => Where(filter, batch.Where());

    /// <summary>The conditions of <paramref name="filter"/> on a row <c>g</c> of twin_groups (REST and GraphQL alike).</summary>
    internal static Sql.SqlWhere Where(TwinFilter filter, Sql.SqlWhere where)
    {
        where.AddIf(filter.Ministry is not null, "g.ministry_ids @> ARRAY[{0}]::bigint[]", filter.Ministry);
        where.AddIf(filter.PublishedFrom is not null, "g.published_from >= {0}", filter.PublishedFrom);
        where.AddIf(filter.PublishedTo is not null, "g.published_from <= {0}", filter.PublishedTo);
        if (filter.MinSize > 2) where.Add("g.size >= {0}", filter.MinSize);
        return where;
    }
}
