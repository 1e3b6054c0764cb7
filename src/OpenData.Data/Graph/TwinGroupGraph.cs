using OpenData.Data.Twins;

namespace OpenData.Data.Graph;

/// <summary>A group of twin questions (a row of <c>opendata.twin_groups</c>), and the similar questions of a question.</summary>
internal sealed class TwinGroupGraph : DeclaredGraph
{
    public static readonly TwinGroupGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("TwinGroup", TwinDocs.Group,
    [
        GraphField.Column("id", "ID!", TwinDocs.Id, r => $"{r}.id"),
        GraphField.Column("size", "Int!", TwinDocs.Size, r => $"{r}.size"),
        GraphField.Column("minSimilarity", "Float!", TwinDocs.MinSimilarity, r => $"round({r}.min_similarity::numeric, 4)::float8"),
        GraphField.Column("publishedFrom", "Date!", TwinDocs.PublishedFrom, r => JsonSql.Date($"{r}.published_from")),
        GraphField.Column("publishedTo", "Date!", TwinDocs.PublishedTo, r => JsonSql.Date($"{r}.published_to")),
        GraphField.Compiled("earliest", "Question!", TwinDocs.Earliest, (c, r, f, _) => QuestionGraph.ById(c, $"{r}.id", f)),
        GraphField.Compiled("questions", "[Question!]!", TwinDocs.Questions, (c, r, f, _) => Questions(c, r, f)),
        GraphField.Compiled("senators", "[Senator!]!", TwinDocs.Senators, (c, r, f, _) => Senators(c, r, f)),
        GraphField.Compiled("groups", "[PoliticalGroup!]!", TwinDocs.Groups, (c, r, f, _) => Groups(c, r, f)),
    ]);

    /// <summary>An element of a list of ids: a row found by its key for each.</summary>
    private static string Found(GraphCompiler c, Func<string> element)
    {
        c.Lookup();
        return element();
    }

    private static string Questions(GraphCompiler c, string r, FieldRead f)
    {
        var (q, u) = (c.Alias("q"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.TwinSize, () => Found(c, () => c.Object(QuestionGraph.Instance, q, f.Selection, NodeContext.None))),
            $"unnest({r}.question_ids) WITH ORDINALITY {u}(id, n) JOIN opendata.questions {q} ON {q}.id = {u}.id", $"{u}.n");
    }

    /// <summary>The senators the senators file knows, in the order of their first question.</summary>
    private static string Senators(GraphCompiler c, string r, FieldRead f)
    {
        var (s, u) = (c.Alias("s"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.TwinSize, () => Found(c, () => c.Object(SenatorGraph.Instance, s, f.Selection, NodeContext.None))),
            $"unnest({r}.senator_ids) WITH ORDINALITY {u}(id, n) JOIN opendata.senators {s} ON {s}.id = {u}.id", $"{u}.n");
    }

    /// <summary>The political groups the groups table lists, by code.</summary>
    private static string Groups(GraphCompiler c, string r, FieldRead f)
    {
        var (g, u) = (c.Alias("g"), c.Alias("u"));
        return JsonSql.Array(c.NestedList(c.Bounds.Groups, () => Found(c, () => c.Object(ReferenceGraph.PoliticalGroup, g, f.Selection, NodeContext.None))),
            $"unnest({r}.group_codes) {u}(code) JOIN opendata.political_groups {g} ON {g}.code = {u}.code", $"{g}.code");
    }
}
