using OpenData.Data.Answers;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Senators;
using OpenData.Data.Sql;
using OpenData.Data.Twins;

namespace OpenData.Data.Graph;

/// <summary>
/// The connections of the graph, on the filters, orders and keysets REST uses (one definition of each): the root
/// lists, whose totals are remembered per dataset, and the questions of a senator or a ministry, tied to their
/// parent row.
/// </summary>
internal static class Lists
{
    public static string Questions(GraphCompiler c, FieldRead f, ListArguments<QuestionFilter, QuestionSort> args, Action<SqlWhere>? tie = null, bool? ministryLineage = null)
    {
        var where = c.Where();
        var tsQuery = QuestionSql.Where(args.Filter, where);
        if (!where.IsEmpty) c.Batch.PlanForValues = true; // the filter's values, not the parent it is tied to: that plan is generic
        tie?.Invoke(where);
        if (tie is not null) c.NestedPage(args.First + 1);
        // Under each ministry, its page reads all its questions (found by the index of their ministries, then sorted): a
        // count by an index each (a ministry's average, 362 questions at 300,000), and once the largest ministry's questions
        // (it may be among them: 1,780 at 300,000, 3-7 ms); a lineage's also as a count over the rows a filter selects
        // (measured at 300,000 questions: 100 ministries' pages 55-85 ms, with their lineages 2.7 s).
        if (ministryLineage is { } lineage && tsQuery is null)
        {
            c.Work.SortedRow(c.Bounds.MinistryQuestions);
            c.Work.Count(CountKind.ByKey, c.Rows);
            if (lineage) c.Work.Count(CountKind.Filtered, c.Rows);
        }
        if (tsQuery is not null) c.Work.Search(ranked: args.Sort == QuestionSort.Relevance, pageRows: args.First + 1, highlightedRows: 0, times: c.Rows);
        var kind = args.Filter.CountKind();
        Func<ListTotal>? total = tie is null ? () => new ListTotal(c.Totals, "questions", "opendata.questions q", where, c.Batch, kind) : null;
        var keyset = QuestionSql.PageOrder(args.Filter, args.Sort, tsQuery, where, c.Work, tie is null ? args.First + 1 : null, readsEveryRow: ministryLineage is not null);
        return Connections.Json(c, f, new ConnectionSpec("opendata.questions q", QuestionSql.GraphColumns, where,
            keyset, QuestionGraph.Instance, new NodeContext(tsQuery), kind, total), args.First, args.After, args.AfterVariable);
    }

    /// <summary>A senator's questions (their own filter's senator is ignored).</summary>
    public static string QuestionsOfSenator(GraphCompiler c, FieldRead f, ListArguments<QuestionFilter, QuestionSort> args, string senator) =>
        Questions(c, f, args with { Filter = args.Filter with { Senator = null } }, where => where.AddRaw($"q.author_id = {senator}.id"));

    /// <summary>A ministry's questions, and with lineage those of the ministries it replaced (their own filter's ministry is ignored).</summary>
    public static string QuestionsOfMinistry(GraphCompiler c, FieldRead f, ListArguments<QuestionFilter, QuestionSort> args, string ministry) =>
        Questions(c, f, args with { Filter = args.Filter with { Ministry = null, Lineage = false } }, where => where.AddRaw(args.Filter.Lineage
            ? $"q.ministry_ids && {ministry}.lineage_ids"
            : $"q.ministry_ids @> ARRAY[{ministry}.id]"), ministryLineage: args.Filter.Lineage);

    public static string Answers(GraphCompiler c, FieldRead f, ListArguments<AnswerFilter, AnswerSort> args)
    {
        var where = c.Where();
        AnswerQueries.Where(args.Filter, where);
        if (!where.IsEmpty) c.Batch.PlanForValues = true;
        if (args.Filter.Searches) c.Work.Search(ranked: false, pageRows: args.First + 1, highlightedRows: 0);
        var kind = AnswerQueries.CountKind(args.Filter);
        return Connections.Json(c, f, new ConnectionSpec("opendata.answers a", AnswerQueries.GraphColumns, where,
            AnswerQueries.Keyset(args.Sort), AnswerGraph.Instance, NodeContext.None, kind,
            () => new ListTotal(c.Totals, "answers", "opendata.answers a", where, c.Batch, kind)), args.First, args.After, args.AfterVariable);
    }

    public static string Senators(GraphCompiler c, FieldRead f, ListArguments<SenatorFilter, NoSort> args)
    {
        var where = c.Where();
        SenatorQueries.Where(args.Filter, where);
        if (!where.IsEmpty) c.Batch.PlanForValues = true;
        return Connections.Json(c, f, new ConnectionSpec("opendata.senators s", "s.*", where,
            SenatorQueries.ByName, SenatorGraph.Instance, NodeContext.None, CountKind.ByKey,
            () => new ListTotal(c.Totals, "senators", "opendata.senators s", where, c.Batch, CountKind.ByKey)), args.First, args.After, args.AfterVariable);
    }

    public static string Ministries(GraphCompiler c, FieldRead f, ListArguments<MinistryFilter, NoSort> args)
    {
        var where = c.Where();
        MinistryQueries.Where(args.Filter, where);
        if (!where.IsEmpty) c.Batch.PlanForValues = true;
        return Connections.Json(c, f, new ConnectionSpec("opendata.ministries m", "m.*", where,
            MinistryQueries.Latest, MinistryGraph.Instance, NodeContext.None, CountKind.ByKey,
            () => new ListTotal(c.Totals, "ministries", "opendata.ministries m", where, c.Batch, CountKind.ByKey)), args.First, args.After, args.AfterVariable);
    }

    /// <summary>The questions whose text is near-identical to a question's, the most similar first; each edge says how similar.</summary>
    public static string Similar(GraphCompiler c, FieldRead f, PageArguments args, string question)
    {
        var where = c.Where();
        where.AddRaw($"s.question_id = {question}.id");
        c.NestedPage(args.First + 1);
        return Connections.Json(c, f, new ConnectionSpec("opendata.question_similar s JOIN opendata.questions q ON q.id = s.similar_id",
            QuestionSql.GraphColumns + ", s.similarity", where, TwinQueries.SimilarOrder, QuestionGraph.Instance, NodeContext.None, CountKind.ByKey, null)
        { EdgeColumns = ["similarity"] }, args.First, args.After);
    }

    /// <summary>The groups of twin questions, the largest first (REST's /v1/twins).</summary>
    public static string Twins(GraphCompiler c, FieldRead f, ListArguments<TwinFilter, NoSort> args)
    {
        var where = c.Where();
        TwinQueries.Where(args.Filter, where);
        if (!where.IsEmpty) c.Batch.PlanForValues = true;
        return Connections.Json(c, f, new ConnectionSpec("opendata.twin_groups g", "g.*", where,
            TwinQueries.GroupOrder, TwinGroupGraph.Instance, NodeContext.None, CountKind.ByKey,
            () => new ListTotal(c.Totals, TwinQueries.RowCount, "opendata.twin_groups g", where, c.Batch, CountKind.ByKey)), args.First, args.After);
    }
}
