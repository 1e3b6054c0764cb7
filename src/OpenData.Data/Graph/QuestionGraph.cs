using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Question, and the objects made of a question's own columns (Nature, QuestionAuthor, Transfer), declared field by field.</summary>
internal sealed class QuestionGraph : DeclaredGraph
{
    public static readonly QuestionGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("Question", "A written or oral question of a senator to a minister.",
    [
        GraphField.Column("id", "ID!", "The Senate's reference (letters then digits, e.g. SEQ240611950), its public identity and its global id (node).", r => $"{r}.id"),
        GraphField.Column("number", "String!", "Public number, unique within a legislature and kind.", r => $"{r}.number"),
        GraphField.Column("legislature", "Int", "Legislature number.", r => $"{r}.legislature"),
        GraphField.Compiled("nature", "Nature!", "Kind of question, by code and French label.", (c, r, f, context) => c.Object(Nature, r, f.Selection, context)),
        GraphField.Column("status", "QuestionStatus!", "Where the question stands.", r => $"upper({r}.status)"),
        GraphField.Column("title", "String", "Title.", r => $"{r}.title"),
        GraphField.Text("text", "String", "Full text of the question.", r => $"{r}.text"),
        GraphField.Column("topic", "String", "The Senate's main heading (rubrique).", r => $"{r}.topic"),
        GraphField.Compiled("themes", "[Theme!]!", "Themes of the Senate's classification.", (c, r, f, _) => Themes(c, r, f)),
        GraphField.Column("themeIds", "[Int!]!", "The codes of its themes (their ids), in the order of themes.", r => $"to_json({r}.theme_ids)"),
        GraphField.Column("publishedAt", "Date!", "Date of publication in the Journal officiel.", r => JsonSql.Date($"{r}.published_at")),
        GraphField.Column("journalPage", "Int", "Page in the Journal officiel.", r => $"{r}.journal_page"),
        GraphField.Compiled("author", "Senator", "The senator who asked it, as they are today; null only when the senators file does not know them (see authorAtTheTime).",
            (c, r, f, _) => SenatorGraph.AuthorOf(c, r, f)),
        GraphField.Compiled("authorAtTheTime", "QuestionAuthor!", "The author as at the time of the question (group and constituency then).",
            (c, r, f, context) => c.Object(Author, r, f.Selection, context)),
        GraphField.Compiled("ministry", "Ministry", "The ministry the question was addressed to.", (c, r, f, _) => MinistryGraph.Referenced(c, r, "ministry", f)),
        GraphField.Compiled("transfer", "Transfer", "Set when the question was transferred to another ministry.",
            (c, r, f, context) => $"CASE WHEN {r}.transfer_ministry_id IS NULL THEN NULL ELSE {c.Object(Transfer, r, f.Selection, context)} END"),
        GraphField.Column("answeredAt", "Date", "Date the answer was published in the Journal officiel.", r => JsonSql.Date($"{r}.answered_at")),
        GraphField.Compiled("answeredBy", "Ministry", "The ministry that answered.", (c, r, f, _) => MinistryGraph.Referenced(c, r, "answer_ministry", f)),
        GraphField.Column("answerDelayDays", "Int", "Days from publication to answer.", r => $"{r}.answer_delay_days"),
        GraphField.Column("deadline", "Date", "Written questions: one month plus the one-month extension a minister may claim (the Senate's rules, art. 75). Null for oral questions.",
            r => JsonSql.Date($"{r}.deadline")),
        GraphField.Column("overdue", "Boolean!", "Still awaiting an answer after the deadline.", QuestionPredicates.Overdue),
        GraphField.Column("closedAt", "Date", "The date the question was closed without an answer: lapsed (at the end of its legislature), withdrawn or converted into an oral question (the landing of the import that changed its status, as the Senate's files do not date them; null when it had that status when first imported). Null while answered or awaiting an answer.",
            r => JsonSql.Date(QuestionEvents.ClosedAt(r))),
        GraphField.Column("remindsQuestionId", "ID", "Id of the earlier, unanswered question this one reminds (rappel).", r => $"{r}.reminds_question_id"),
        GraphField.Compiled("remindsQuestion", "Question", "The earlier, unanswered question this one reminds (rappel).", (c, r, f, _) => ById(c, $"{r}.reminds_question_id", f)),
        GraphField.Compiled("reminders", "[Question!]!", "Later questions that remind this one, oldest first.", (c, r, f, _) => Reminders(c, r, f)),
        GraphField.Compiled("answer", "Answer", "The minister's answer, or null while there is none.", (c, r, f, _) => AnswerGraph.OfQuestion(c, r, f)),
        GraphField.Compiled("similar", "SimilarQuestionConnection!", Twins.TwinDocs.Similar,
            (c, r, f, _) => Lists.Similar(c, f, (PageArguments)f.Arguments!, r)) with { Arguments = GraphArguments.Page },
        GraphField.Timestamp("updatedAt", "DateTime!", "When this question last changed in the API: the moment the import that changed it was first served.",
            r => Changes.Updates.At(r)),
        GraphField.Timestamp("updatedAtTime", "DateTime!", "The same as updatedAt.", r => Changes.Updates.At(r))
            with { Deprecation = "Use updatedAt: a timestamp (DateTime) on every type." },
        GraphField.Compiled("events", "[QuestionEvent!]!", "What happened to the question, in order: published, transferred, reminded, answered, erratum, and its outcome.",
            (c, r, f, _) => Events(c, r, f)),
        GraphField.Column("url", "String", "The question's page on senat.fr; null in generated data (but for its one real question, SEQ240611950).", r => $"{r}.url"),
        GraphField.Compiled("highlight", "String", "With filter.q: an excerpt of the title and text with the matched words between <mark> and </mark> (made only when this field is asked for).",
            (c, r, _, context) => context.TsQuery is { } tsQuery
                ? Highlight(c) + $"ts_headline({QuestionSql.TextSearchConfig}, coalesce({r}.title, '') || ' — ' || coalesce({r}.text, ''), {tsQuery}, '{QuestionSql.HighlightOptions}')"
                : "NULL::text") with { IsText = true },
    ]);

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
        return JsonSql.Array(c.NestedList(c.Bounds.Reminders + 6, () => c.Object(Event, e, f.Selection, NodeContext.None)), $"{QuestionEvents.From(r)} {e}",
            string.Join(", ", QuestionEvents.Order.Split(", ").Select(k => $"{e}.{k}")));
    }

    private static string Themes(GraphCompiler c, string r, FieldRead f)
    {
        var (t, u) = (c.Alias("t"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.QuestionThemes, () => c.Object(ReferenceGraph.Theme, t, f.Selection, NodeContext.None)),
            $"unnest({r}.theme_ids) WITH ORDINALITY {u}(id, n) JOIN opendata.themes {t} ON {t}.id = {u}.id", $"{u}.n");
    }

    public static readonly DeclaredGraph Event = new RowGraph(new("QuestionEvent", "An event of a question's life, with its date.",
    [
        GraphField.Column("type", "QuestionEventKind!", "What happened.", r => $"upper({r}.type)"),
        GraphField.Column("date", "Date", "When; null when the source does not date it (an outcome already known at the first import).", r => JsonSql.Date($"{r}.date")),
        GraphField.Compiled("ministry", "Ministry", "PUBLISHED: the ministry addressed; TRANSFERRED: the new one; ANSWERED: the answering one.",
            (c, r, f, _) => MinistryGraph.ById(c, $"{r}.ministry_id", f)),
        GraphField.Column("questionId", "ID", "REMINDED: the later question that reminds this one.", r => $"{r}.question_id"),
        GraphField.Column("journalPage", "Int", "Its page in the Journal officiel, when known.", r => $"{r}.journal_page"),
    ]));

    public static readonly DeclaredGraph Nature = new RowGraph(new("Nature", "Kind of a question, by code and French label.",
    [
        GraphField.Column("code", "QuestionNature!", "The Senate's code.", r => $"{r}.nature_code"),
        GraphField.Column("label", "String!", "The French label, e.g. Question écrite.", r => $"{r}.nature_label"),
    ]));

    public static readonly DeclaredGraph Author = new RowGraph(new("QuestionAuthor", "The author of a question as at the time of the question.",
    [
        GraphField.Column("id", "ID!", "Senator id (matricule).", r => $"{r}.author_id"),
        GraphField.Column("name", "String!", "First and last name.", r => $"{r}.author_name"),
        GraphField.Column("civility", "String", "M. or Mme.", r => $"{r}.author_civility"),
        GraphField.Column("group", "String", "Political group code at the time.", r => $"{r}.author_group")
            with { Deprecation = "Use politicalGroup: a group is the PoliticalGroup object everywhere, as a senator's." },
        GraphField.Compiled("politicalGroup", "PoliticalGroup", "Political group at the time (the groups table's row), null when none or when the table does not list it.",
            (c, r, f, _) => ReferenceGraph.GroupByCode(c, $"{r}.author_group", f)),
        GraphField.Column("constituency", "String", "Constituency at the time.", r => $"{r}.author_constituency"),
    ]));

    public static readonly DeclaredGraph Transfer = new RowGraph(new("Transfer", "A transfer of the question to another ministry.",
    [
        GraphField.Compiled("ministry", "Ministry", "The ministry it was transferred to.", (c, r, f, _) => MinistryGraph.Referenced(c, r, "transfer_ministry", f)),
        GraphField.Column("ministryId", "ID!", "Id of the ministry it was transferred to.", r => $"{r}.transfer_ministry_id::text"),
        GraphField.Column("at", "Date", "Date of the transfer.", r => JsonSql.Date($"{r}.transferred_at")),
    ]));
}
