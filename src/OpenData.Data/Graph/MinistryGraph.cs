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

    /// <summary>
    /// The ministry a row refers to by its columns <paramref name="prefix"/>_id, _name and _listed (a question's ministry,
    /// transfer and answering ministry, an answer's ministry): asked for its id and name only, read from the row where it
    /// says the ministries table lists it (<see cref="ColumnObject.Held"/>), else looked up.
    /// </summary>
    public static string Referenced(GraphCompiler c, string row, string prefix, FieldRead f) =>
        HeldBy(prefix).Held(c, row, $"{row}.{prefix}_listed", f) ?? ById(c, $"{row}.{prefix}_id", f);

    /// <summary>A ministry's id and name as a row referring to it holds them, in <paramref name="prefix"/>_id and _name.</summary>
    public static ColumnObject HeldBy(string prefix) => Held.GetOrAdd(prefix, static p => new(new() { ["id"] = $"{p}_id::text", ["name"] = $"{p}_name" }));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ColumnObject> Held = new();

    /// <summary>Ministries listed by id in an array of another row, in its order, those that exist.</summary>
    public static string ByIds(GraphCompiler c, string ids, FieldRead f)
    {
        var (m, u) = (c.Alias("m"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.Predecessors, () => c.Object(Instance, m, f.Selection, NodeContext.None)),
            $"unnest({ids}) WITH ORDINALITY {u}(id, n) JOIN opendata.ministries {m} ON {m}.id = {u}.id", $"{u}.n");
    }
}
