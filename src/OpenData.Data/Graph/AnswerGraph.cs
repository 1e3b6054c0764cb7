namespace OpenData.Data.Graph;

/// <summary>Answer and Erratum.</summary>
internal sealed class AnswerGraph : GraphObject
{
    public static readonly AnswerGraph Instance = new();

    public override bool IsText(string field) => field is "text";

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "questionId" => $"{r}.question_id",
        "question" => QuestionGraph.ById(c, $"{r}.question_id", f),
        "publishedAt" => JsonSql.Date($"{r}.published_at"),
        "text" => $"{r}.text",
        "ministry" => MinistryGraph.Referenced(c, r, "ministry", f),
        "journalPage" => $"{r}.journal_page",
        "delayDays" => $"{r}.delay_days",
        "sharedWithIds" => $"to_json({r}.shared_with)",
        "sharedWith" => QuestionGraph.ByIds(c, $"{r}.shared_with", f),
        "erratum" => $"CASE WHEN {r}.erratum_page IS NULL AND {r}.erratum_date IS NULL AND {r}.erratum_text IS NULL THEN NULL ELSE {c.Object(Erratum.Instance, r, f.Selection, context)} END",
        "url" => $"{r}.url",
        "updatedAt" => JsonSql.Timestamp(Changes.Updates.At(r)),
        _ => throw Unknown(f),
    };

    /// <summary>The answer to the question of an id held by another row, or null.</summary>
    public static string ByQuestion(GraphCompiler c, string questionId, FieldRead f)
    {
        c.Lookup();
        var a = c.Alias("a");
        return JsonSql.One(c.Object(Instance, a, f.Selection, NodeContext.None), $"opendata.answers {a} WHERE {a}.question_id = {questionId}");
    }

    /// <summary>
    /// The answer to a question row: when only its date, delay, question and its ministry's id and name are asked for,
    /// they are the row's own columns, read where the row says the answers table holds it (migration 0019) without
    /// looking it up.
    /// </summary>
    public static string OfQuestion(GraphCompiler c, string question, FieldRead f) =>
        f.Selection.All(s => s.Field is "publishedAt" or "delayDays" or "questionId" or FieldRead.TypeName or FieldRead.Null
                || (s.Field is "ministry" && MinistryGraph.HeldBy(AnsweringMinistry).Reads(s)))
            ? c.Value($"CASE WHEN {question}.answer_listed THEN {c.Object(Listed.Instance, question, f.Selection, NodeContext.None)} END")
            // An answer exists only for an answered question: the guard saves the lookup for the others.
            : $"CASE WHEN {question}.answered_at IS NULL AND {question}.status <> 'answered' THEN NULL ELSE {ByQuestion(c, $"{question}.id", f)} END";

    /// <summary>The question's columns of its answering ministry.</summary>
    private const string AnsweringMinistry = "answer_ministry";

    /// <summary>
    /// An answer's date, delay, question and ministry as its question's row holds them: its ministry is the question's
    /// answering ministry where the row says the answer names one the ministries table lists.
    /// </summary>
    private sealed class Listed : GraphObject
    {
        public static readonly Listed Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "publishedAt" => JsonSql.Date($"{r}.answered_at"),
            "delayDays" => $"{r}.answer_delay_days",
            "questionId" => $"{r}.id",
            "ministry" => MinistryGraph.HeldBy(AnsweringMinistry).Held(c, r, $"{r}.answer_row_ministry_listed", f)!,
            _ => throw Unknown(f),
        };
    }

    private sealed class Erratum : GraphObject
    {
        public static readonly Erratum Instance = new();

        public override bool IsText(string field) => field is "text";

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "page" => $"{r}.erratum_page",
            "date" => JsonSql.Date($"{r}.erratum_date"),
            "text" => $"{r}.erratum_text",
            _ => throw Unknown(f),
        };
    }
}
