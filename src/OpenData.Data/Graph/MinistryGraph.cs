using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Ministry, declared field by field.</summary>
internal sealed class MinistryGraph : DeclaredGraph
{
    public static readonly MinistryGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("Ministry", "A ministry: one portfolio in one government. Reshuffles replace ministries by successors.",
    [
        GraphField.Column("id", "ID!", "The Senate's ministry id (minid, digits), its public id and its global id (node).", r => $"{r}.id::text"), // an ID: a string
        GraphField.Column("name", "String!", "Short name, e.g. Intérieur.", r => $"{r}.name"),
        GraphField.Column("fullName", "String", "Full name of the portfolio.", r => $"{r}.full_name"),
        GraphField.Column("ministerTitle", "String", "The minister's title, e.g. ministre de l'intérieur.", r => $"{r}.minister_title"),
        GraphField.Column("journalTitle", "String", "The title as printed in the Journal officiel.", r => $"{r}.journal_title"),
        GraphField.Column("ministerName", "String", "The minister's name.", r => $"{r}.minister_name"),
        GraphField.Column("startDate", "Date", "First day in office.", r => JsonSql.Date($"{r}.start_date")),
        GraphField.Column("endDate", "Date", "Last day in office, or null while in office.", r => JsonSql.Date($"{r}.end_date")),
        GraphField.Column("daysInOffice", "Int", "Days in office, the first and the last counted; null while in office or when either day is unknown.", r => $"({r}.end_date - {r}.start_date + 1)"),
        GraphField.Column("current", "Boolean!", "In office (part of the current government).", r => $"{r}.current"),
        GraphField.Column("protocolOrder", "Int", "Rank in the government's protocol order.", r => $"{r}.protocol_order"),
        GraphField.Column("successorId", "ID", "Id of the ministry that replaced this one, if any.", r => $"{r}.successor_id::text"),
        GraphField.Compiled("successor", "Ministry", "The ministry that replaced this one, if any.", (c, r, f, _) => ById(c, $"{r}.successor_id", f)),
        GraphField.Column("predecessorIds", "[ID!]!", "Ids of the ministries this one directly replaced.", r => $"to_json({r}.predecessor_ids::text[])"),
        GraphField.Compiled("predecessors", "[Ministry!]!", "The ministries this one directly replaced.", (c, r, f, _) => ByIds(c, $"{r}.predecessor_ids", f)),
        GraphField.Column("questionCount", "Int!", "Questions addressed to, transferred to or answered by this ministry: the total of its questions list (without lineage).",
            r => $"{r}.question_count"),
        GraphField.Timestamp("updatedAt", "DateTime!", "When this ministry last changed in the API: the moment the import that changed it was first served.",
            r => Changes.Updates.At(r)),
        GraphField.Compiled("questions", "QuestionConnection!",
            "Questions addressed to, transferred to or answered by this ministry (filter.ministry is ignored; filter.lineage adds its predecessors'), transitively.",
            (c, r, f, _) => Lists.QuestionsOfMinistry(c, f, (ListArguments<QuestionFilter, QuestionSort>)f.Arguments!, r)) with { Arguments = GraphArguments.Questions },
    ]);

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
