using OpenData.Data.Changes;
using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Questions;

/// <summary>The SQL pieces every question query shares: columns, filters and orders.</summary>
internal static class QuestionSql
{
    public static readonly string Columns = $"""
        q.id, q.number, q.legislature, q.nature_code, q.nature_label, q.status, q.title, q.text, q.topic,
        q.theme_ids, q.theme_labels, q.published_at, q.journal_page, q.author_id, q.author_name, q.author_civility,
        q.author_group, q.author_constituency, q.ministry_id, q.ministry_name, q.transfer_ministry_id,
        q.transfer_ministry_name, q.transferred_at, q.answer_ministry_id, q.answer_ministry_name, q.answered_at,
        q.answer_delay_days, q.deadline, {QuestionPredicates.Overdue("q")} AS overdue, {QuestionEvents.ClosedAt("q")} AS closed_at,
        q.reminds_question_id, q.reminded_at, q.erratum_date, q.erratum_page, q.erratum_text, q.url, q.updated_version,
        {Updates.At("q")} AS updated_at
        """;

    /// <summary>
    /// The columns GraphQL's pages of questions may read: <see cref="Columns"/>, whether the rows they refer to exist and
    /// the author's name today, by which a ministry's name, an answer's date and an author's name are read from the
    /// question's own columns (migration 0019).
    /// </summary>
    public static readonly string GraphColumns = $"{Columns}, q.ministry_listed, q.transfer_ministry_listed, q.answer_ministry_listed, q.answer_listed, " +
        "q.answer_row_ministry_listed, q.author_known, q.author_senator_name";

    /// <summary>The author's group label of a question row (its code when the groups table does not list it).</summary>
    public static string GroupLabel(string row) =>
        $"coalesce((SELECT g.label FROM opendata.political_groups g WHERE g.code = {row}.author_group), {row}.author_group) AS author_group_label";

    public const string TextSearchConfig = Reading.FullTextSearch.Config;

    /// <summary>How a highlighted excerpt is cut and marked (ts_headline's options).</summary>
    public const string HighlightOptions = "StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=\" … \"";

    public static readonly IReadOnlyList<SortOption<QuestionSort>> Sorts =
    [
        new(QuestionSort.PublishedDesc, "-publishedAt", "Newest first (the default)."),
        new(QuestionSort.PublishedAsc, "publishedAt", "Oldest first."),
        new(QuestionSort.AnsweredDesc, "-answeredAt", "Latest answers first, unanswered last."),
        new(QuestionSort.DelayAsc, "answerDelayDays", "Quickest answers first, unanswered last."),
        new(QuestionSort.DelayDesc, "-answerDelayDays", "Slowest answers first, unanswered last."),
        new(QuestionSort.Relevance, "relevance", "Best full-text matches first (needs a full-text query)."),
        new(QuestionSort.UpdatedDesc, "-updatedAt", "Latest changed first (what changed since a sync, with updatedSince)."),
        new(QuestionSort.UpdatedAsc, "updatedAt", "Earliest changed first."),
    ];

    private static readonly KeyPart Id = new("q.id", KeyType.Text);

    /// <summary>The questions' table, as its full-text searches name it.</summary>
    public const string Table = "opendata.questions";

    /// <summary>
    /// The order of a search's page in <paramref name="keyset"/>, decided when the batch is sent: walking the order's index
    /// unless its page of <paramref name="pageRows"/> rows reads its matches instead (<see cref="Reading.FewMatches"/>).
    /// </summary>
    private static Keyset SearchOrder(Keyset keyset, QuestionFilter filter, SqlWhere where, long pageRows) =>
        keyset.UnindexedWhen(where.Bind(new Reading.FewMatches(new Reading.FullTextSearch(Table, filter.Q!), pageRows)));

    /// <summary>The keyset of an order; relevance ranks against the filter's full-text query.</summary>
    public static Keyset Keyset(QuestionSort sort, string? tsQuery)
    {
        var name = Sorts.Of(sort).Name;
        return sort switch
        {
            QuestionSort.PublishedAsc => new(name, false, new KeyPart("q.published_at", KeyType.Date), Id),
            QuestionSort.AnsweredDesc => new(name, true, new KeyPart("coalesce(q.answered_at, '0001-01-01'::date)", KeyType.Date), Id),
            QuestionSort.DelayAsc => new(name, false, new KeyPart("coalesce(q.answer_delay_days, 2147483647)", KeyType.Integer), Id),
            QuestionSort.DelayDesc => new(name, true, new KeyPart("coalesce(q.answer_delay_days, -1)", KeyType.Integer), Id),
            QuestionSort.Relevance when tsQuery is not null => new(name, true, new KeyPart($"ts_rank_cd(q.search, {tsQuery})", KeyType.Real), Id),
            QuestionSort.Relevance => throw new ArgumentException("sorting by relevance needs a full-text query"),
            QuestionSort.UpdatedDesc => new(name, true, Updates.Key("q"), Id),
            QuestionSort.UpdatedAsc => new(name, false, Updates.Key("q"), Id),
            _ => new(name, true, new KeyPart("q.published_at", KeyType.Date), Id),
        };
    }

    /// <summary>
    /// The order a page of questions is read in, the one rule of REST's lists and GraphQL's connections: a filter whose rows
    /// are found by their own index (<see cref="QuestionRules.PagesReadEveryRow"/>, or <paramref name="readsEveryRow"/>:
    /// a ministry's questions) reads them all and sorts them, priced by the planner's estimate of the page; a search not
    /// ranked walks its order's index unless it is known to match few rows (<see cref="SearchOrder"/>). A page of
    /// <paramref name="pageRows"/> rows is read once; null for a page under each row of a list (a senator's questions).
    /// </summary>
    public static Keyset PageOrder(QuestionFilter filter, QuestionSort sort, string? tsQuery, SqlWhere where, Reading.BatchWork work,
        long? pageRows, bool readsEveryRow = false)
    {
        var keyset = Keyset(sort, tsQuery);
        if (tsQuery is null && (readsEveryRow || filter.PagesReadEveryRow(sort)))
        {
            keyset = keyset.Unindexed();
            if (pageRows is { } rows) PlanSortedPage(work, where, keyset, rows);
            return keyset;
        }
        return tsQuery is not null && sort != QuestionSort.Relevance && pageRows is { } n ? SearchOrder(keyset, filter, where, n) : keyset;
    }

    /// <summary>The ministry in charge of a question row: the one it was transferred to, else the one it was addressed to.</summary>
    public static string HandledBy(string row) => $"coalesce({row}.transfer_ministry_id, {row}.ministry_id)";

    /// <summary>
    /// Records the read of a page whose filter's rows are found by their own index and sorted
    /// (<see cref="QuestionRules.PagesReadEveryRow"/>): each such page reads every row the filter selects, a heap row
    /// each (the count may read its index alone: 13 ms where the page took 120 ms, answered before 2000 at 300,000
    /// questions), so it is priced by the planner's estimate of the page itself, whether the total is remembered or not.
    /// </summary>
    private static void PlanSortedPage(Reading.BatchWork work, SqlWhere where, Paging.Keyset keyset, long rows) =>
        work.Plan(Reading.PlannedWork.SortedPage, $"SELECT q.id FROM opendata.questions q WHERE {where.Sql} ORDER BY {keyset.OrderBy} LIMIT {rows}", where.Parameters);

    /// <summary>Builds the WHERE clause of a filter; returns the bound tsquery expression when there is a search.</summary>
    public static string? Where(QuestionFilter filter, SqlWhere where)
    {
        var tsQuery = filter.Searches ? where.MatchesWords(Table, "q", filter.Q!) : null;
        where.AddIf(filter.Senator is not null, "q.author_id = {0}", filter.Senator);
        if (filter.Ministry is { } ministry)
        {
            if (filter.Lineage)
                where.Add("q.ministry_ids && (SELECT m.lineage_ids FROM opendata.ministries m WHERE m.id = {0})", ministry);
            else
                where.Add("q.ministry_ids @> ARRAY[{0}]::bigint[]", ministry);
        }
        where.AddIf(filter.HandledBy is not null, $"{HandledBy("q")} = {{0}}", filter.HandledBy);
        where.AddIf(filter.Natures.Count > 0, "q.nature_code = ANY({0})", filter.Natures.ToArray());
        where.AddIf(filter.Statuses.Count > 0, "q.status = ANY({0})", filter.Statuses.ToArray());
        where.AddIf(filter.Legislature is not null, "q.legislature = {0}", filter.Legislature);
        where.AddIf(filter.Theme is not null, "q.theme_ids @> ARRAY[{0}]::integer[]", filter.Theme);
        where.AddIf(filter.Group is not null, "q.author_group = {0}", filter.Group);
        where.AddIf(filter.PublishedFrom is not null, "q.published_at >= {0}::date", filter.PublishedFrom);
        where.AddIf(filter.PublishedTo is not null, "q.published_at <= {0}::date", filter.PublishedTo);
        where.AddIf(filter.AnsweredFrom is not null, "q.answered_at >= {0}::date", filter.AnsweredFrom);
        where.AddIf(filter.AnsweredTo is not null, "q.answered_at <= {0}::date", filter.AnsweredTo);
        Updates.Since(where, "q", filter.UpdatedSince);
        if (filter.Overdue is { } overdue)
            where.AddRaw(overdue ? QuestionPredicates.OverdueWhere("q") : $"NOT {QuestionPredicates.Overdue("q")}");
        return tsQuery;
    }
}
