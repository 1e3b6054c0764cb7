using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Ministry.</summary>
internal sealed class MinistryGraph : GraphObject
{
    public static readonly MinistryGraph Instance = new();

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "id" => $"{r}.id::text", // an ID: a string
        "name" => $"{r}.name",
        "fullName" => $"{r}.full_name",
        "ministerTitle" => $"{r}.minister_title",
        "journalTitle" => $"{r}.journal_title",
        "ministerName" => $"{r}.minister_name",
        "startDate" => JsonSql.Date($"{r}.start_date"),
        "endDate" => JsonSql.Date($"{r}.end_date"),
        "current" => $"{r}.current",
        "protocolOrder" => $"{r}.protocol_order",
        "successorId" => $"{r}.successor_id::text",
        "successor" => ById(c, $"{r}.successor_id", f),
        "predecessorIds" => $"to_json({r}.predecessor_ids::text[])",
        "predecessors" => ByIds(c, $"{r}.predecessor_ids", f),
        "questionCount" => $"{r}.question_count",
        "updatedAt" => JsonSql.Timestamp(Changes.Updates.At(r)),
        "questions" => Lists.QuestionsOfMinistry(c, f, (ListArguments<QuestionFilter, QuestionSort>)f.Arguments!, r),
        _ => throw Unknown(f),
    };

    /// <summary>The ministry of an id held by another row, or null.</summary>
    public static string ById(GraphCompiler c, string id, FieldRead f)
    {
        c.Lookup();
        var m = c.Alias("m");
        return JsonSql.One(c.Object(Instance, m, f.Selection, NodeContext.None), $"opendata.ministries {m} WHERE {m}.id = {id}");
    }

    /// <summary>Whether a ministry is asked for nothing but its id and name (what a row referring to it holds).</summary>
    public static bool OnlyIdAndName(FieldRead f) => f.Selection.All(s => s.Field is "id" or "name" or FieldRead.TypeName or FieldRead.Null);

    /// <summary>
    /// The ministry a row refers to by its columns <paramref name="prefix"/>_id, _name and _listed (a question's ministry,
    /// transfer and answering ministry, an answer's ministry): asked for its id and name only, they are the row's own
    /// columns, read where the row says the ministries table lists it (migration 0019) without looking it up.
    /// </summary>
    public static string Referenced(GraphCompiler c, string row, string prefix, FieldRead f) =>
        OnlyIdAndName(f) ? Held(c, row, prefix, $"{row}.{prefix}_listed", f) : ById(c, $"{row}.{prefix}_id", f);

    /// <summary>The ministry whose id and name a row holds in <paramref name="prefix"/>_id and _name, where <paramref name="listed"/>.</summary>
    public static string Held(GraphCompiler c, string row, string prefix, string listed, FieldRead f) =>
        $"CASE WHEN {listed} THEN {c.Object(new Listed(prefix), row, f.Selection, NodeContext.None)} END";

    /// <summary>Ministries listed by id in an array of another row, in its order, those that exist.</summary>
    public static string ByIds(GraphCompiler c, string ids, FieldRead f)
    {
        var (m, u) = (c.Alias("m"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.Predecessors, () => c.Object(Instance, m, f.Selection, NodeContext.None)),
            $"unnest({ids}) WITH ORDINALITY {u}(id, n) JOIN opendata.ministries {m} ON {m}.id = {u}.id", $"{u}.n");
    }

    /// <summary>A ministry's id and name as a row referring to it holds them.</summary>
    private sealed class Listed(string prefix) : GraphObject
    {
        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "id" => $"{r}.{prefix}_id::text",
            "name" => $"{r}.{prefix}_name",
            _ => throw Unknown(f),
        };
    }
}
