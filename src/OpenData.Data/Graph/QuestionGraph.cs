using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Question, and the objects made of a question's own columns (Nature, QuestionAuthor, Transfer).</summary>
internal sealed class QuestionGraph : GraphObject
{
    public static readonly QuestionGraph Instance = new();

    public override bool IsText(string field) => field is "text" or "highlight";

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "id" => $"{r}.id",
        "number" => $"{r}.number",
        "legislature" => $"{r}.legislature",
        "nature" => c.Object(Nature.Instance, r, f.Selection, context),
        "status" => $"upper({r}.status)",
        "title" => $"{r}.title",
        "text" => $"{r}.text",
        "topic" => $"{r}.topic",
        "themes" => Themes(c, r, f),
        "publishedAt" => JsonSql.Date($"{r}.published_at"),
        "journalPage" => $"{r}.journal_page",
        "author" => SenatorGraph.AuthorOf(c, r, f),
        "authorAtTheTime" => c.Object(Author.Instance, r, f.Selection, context),
        "ministry" => MinistryGraph.Referenced(c, r, "ministry", f),
        "transfer" => $"CASE WHEN {r}.transfer_ministry_id IS NULL THEN NULL ELSE {c.Object(Transfer.Instance, r, f.Selection, context)} END",
        "answeredAt" => JsonSql.Date($"{r}.answered_at"),
        "answeredBy" => MinistryGraph.Referenced(c, r, "answer_ministry", f),
        "answerDelayDays" => $"{r}.answer_delay_days",
        "deadline" => JsonSql.Date($"{r}.deadline"),
        "overdue" => QuestionPredicates.Overdue(r),
        "closedAt" => JsonSql.Date(QuestionEvents.ClosedAt(r)),
        "remindsQuestionId" => $"{r}.reminds_question_id",
        "remindsQuestion" => ById(c, $"{r}.reminds_question_id", f),
        "reminders" => Reminders(c, r, f),
        "similar" => Lists.Similar(c, f, (PageArguments)f.Arguments!, r),
        "answer" => AnswerGraph.OfQuestion(c, r, f),
        "updatedAt" or "updatedAtTime" => JsonSql.Timestamp(Changes.Updates.At(r)),
        "events" => Events(c, r, f),
        "url" => $"{r}.url",
        "highlight" => context.TsQuery is { } tsQuery
            ? Highlight(c) + $"ts_headline({QuestionSql.TextSearchConfig}, coalesce({r}.title, '') || ' — ' || coalesce({r}.text, ''), {tsQuery}, '{QuestionSql.HighlightOptions}')"
            : "NULL::text",
        _ => throw Unknown(f),
    };

    /// <summary>The text is parsed again to mark the matched words, for each row.</summary>
    private static string Highlight(GraphCompiler c)
    {
        c.Work.Highlight(c.Rows);
        return "";
    }

    /// <summary>The question of an id held by another row, or null.</summary>
    public static string ById(GraphCompiler c, string id, FieldRead f)
    {
        c.Lookup();
        var q = c.Alias("q");
        return JsonSql.One(c.Object(Instance, q, f.Selection, NodeContext.None), $"opendata.questions {q} WHERE {q}.id = {id}");
    }

    /// <summary>Questions listed by id in an array of another row, in its order, those that exist.</summary>
    public static string ByIds(GraphCompiler c, string ids, FieldRead f)
    {
        var (q, u) = (c.Alias("q"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.SharedWith, () => c.Object(Instance, q, f.Selection, NodeContext.None)),
            $"unnest({ids}) WITH ORDINALITY {u}(id, n) JOIN opendata.questions {q} ON {q}.id = {u}.id", $"{u}.n");
    }

    private static string Reminders(GraphCompiler c, string r, FieldRead f)
    {
        var q = c.Alias("q");
        return JsonSql.Array(c.NestedList(c.Bounds.Reminders, () => c.Object(Instance, q, f.Selection, NodeContext.None)),
            $"opendata.questions {q} WHERE {q}.reminds_question_id = {r}.id", $"{q}.published_at, {q}.id");
    }

    private static string Events(GraphCompiler c, string r, FieldRead f)
    {
        var e = c.Alias("e");
        // Published, transferred, answered, two errata, an outcome, and each reminder.
        return JsonSql.Array(c.NestedList(c.Bounds.Reminders + 6, () => c.Object(Event.Instance, e, f.Selection, NodeContext.None)), $"{QuestionEvents.From(r)} {e}",
            string.Join(", ", QuestionEvents.Order.Split(", ").Select(k => $"{e}.{k}")));
    }

    private static string Themes(GraphCompiler c, string r, FieldRead f)
    {
        var (t, u) = (c.Alias("t"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.QuestionThemes, () => c.Object(ReferenceGraph.Theme, t, f.Selection, NodeContext.None)),
            $"unnest({r}.theme_ids) WITH ORDINALITY {u}(id, n) JOIN opendata.themes {t} ON {t}.id = {u}.id", $"{u}.n");
    }

    private sealed class Event : GraphObject
    {
        public static readonly Event Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "type" => $"upper({r}.type)",
            "date" => JsonSql.Date($"{r}.date"),
            "ministry" => MinistryGraph.ById(c, $"{r}.ministry_id", f),
            "questionId" => $"{r}.question_id",
            "journalPage" => $"{r}.journal_page",
            _ => throw Unknown(f),
        };
    }

    private sealed class Nature : GraphObject
    {
        public static readonly Nature Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "code" => $"{r}.nature_code",
            "label" => $"{r}.nature_label",
            _ => throw Unknown(f),
        };
    }

    private sealed class Author : GraphObject
    {
        public static readonly Author Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "id" => $"{r}.author_id",
            "name" => $"{r}.author_name",
            "civility" => $"{r}.author_civility",
            "group" => $"{r}.author_group",
            "politicalGroup" => ReferenceGraph.GroupByCode(c, $"{r}.author_group", f),
            "constituency" => $"{r}.author_constituency",
            _ => throw Unknown(f),
        };
    }

    private sealed class Transfer : GraphObject
    {
        public static readonly Transfer Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "ministry" => MinistryGraph.Referenced(c, r, "transfer_ministry", f),
            "ministryId" => $"{r}.transfer_ministry_id::text",
            "at" => JsonSql.Date($"{r}.transferred_at"),
            _ => throw Unknown(f),
        };
    }
}
