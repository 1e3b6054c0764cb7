namespace OpenData.Data.Graph;

/// <summary>Answer and Erratum, declared field by field.</summary>
internal sealed class AnswerGraph : DeclaredGraph
{
    public static readonly AnswerGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("Answer", "A minister's answer to a question, as published in the Journal officiel.",
    [
        GraphField.Column("questionId", "ID!", "Id of the question answered.", r => $"{r}.question_id"),
        GraphField.Compiled("question", "Question", "The question answered.", (c, r, f, _) => QuestionGraph.ById(c, $"{r}.question_id", f)),
        GraphField.Column("publishedAt", "Date!", "Date of publication in the Journal officiel.", r => JsonSql.Date($"{r}.published_at")),
        GraphField.Text("text", "String", "The answer's text.", r => $"{r}.text"),
        GraphField.Compiled("ministry", "Ministry", "The answering ministry.", (c, r, f, _) => MinistryGraph.Referenced(c, r, "ministry", f)),
        GraphField.Column("journalPage", "Int", "Page in the Journal officiel.", r => $"{r}.journal_page"),
        GraphField.Column("delayDays", "Int", "Days from the question's publication to the answer's.", r => $"{r}.delay_days"),
        GraphField.Column("sharedWithIds", "[ID!]!", "Ids of the other questions answered by the same common answer (réponse commune).", r => $"to_json({r}.shared_with)"),
        GraphField.Compiled("sharedWith", "[Question!]!", "The other questions answered by the same common answer (réponse commune).",
            (c, r, f, _) => QuestionGraph.ByIds(c, $"{r}.shared_with", f)),
        GraphField.Compiled("erratum", "Erratum", "A correction published later, if any.", (c, r, f, context) =>
            $"CASE WHEN {r}.erratum_page IS NULL AND {r}.erratum_date IS NULL AND {r}.erratum_text IS NULL THEN NULL ELSE {c.Object(Erratum, r, f.Selection, context)} END"),
        GraphField.Column("url", "String", "The answer's page on senat.fr.", r => $"{r}.url"),
        GraphField.Timestamp("updatedAt", "DateTime!", "When this answer last changed in the API: the moment the import that changed it was first served.",
            r => Changes.Updates.At(r)),
    ]);

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

    public static readonly DeclaredGraph Erratum = new RowGraph(new("Erratum", "A correction of an answer, published later in the Journal officiel.",
    [
        GraphField.Column("page", "Int", "Page in the Journal officiel.", r => $"{r}.erratum_page"),
        GraphField.Column("date", "Date", "Date of publication.", r => JsonSql.Date($"{r}.erratum_date")),
        GraphField.Text("text", "String", "Text of the correction.", r => $"{r}.erratum_text"),
    ]));
}
