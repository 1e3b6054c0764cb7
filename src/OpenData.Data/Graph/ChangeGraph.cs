using OpenData.Data.Changes;

namespace OpenData.Data.Graph;

/// <summary>The arguments of the change feed: after which cursor, which kinds of resource, how many entries.</summary>
public sealed record ChangesArguments(string? Since, IReadOnlyList<string> Types, int First);

/// <summary>ChangeFeed (a page of the feed, read as first + 1 entries, paged as every connection is) and Change.</summary>
internal sealed class ChangeGraph : DeclaredGraph
{
    public static readonly ChangeGraph Change = new();

    public static string Feed(GraphCompiler c, FieldRead f, ChangesArguments args)
    {
        var (page, rows) = (c.Alias("p"), c.Alias("c"));
        var first = c.Bind(args.First);
        var inPage = $"{page}.rn <= {first}";
        var since = args.Since is null ? JsonSql.Literal(ChangeQueries.Start) : c.Bind(args.Since);
        var json = c.Json(f.Selection.Select(s => c.Pair(s, s.Field switch
        {
            FieldRead.TypeName => c.Value(JsonSql.Literal((string)s.Arguments!)),
            FieldRead.Null => c.Value("NULL::json"),
            "nodes" => $"coalesce(json_agg({c.Each(args.First, () => c.Object(Change, page, s.Selection, NodeContext.None))} ORDER BY {page}.rn) FILTER (WHERE {inPage}), '[]'::json)",
            "edges" => $"coalesce(json_agg({c.Each(args.First, () => Connections.Edge(c, Change, NodeContext.None, page, s))} ORDER BY {page}.rn) FILTER (WHERE {inPage}), '[]'::json)",
            "pageInfo" => Connections.PageInfo(c, s, (page, first, $"{page}.cursor"), args.Since is not null),
            "nextCursor" => c.Value($"coalesce((array_agg({page}.cursor ORDER BY {page}.rn DESC) FILTER (WHERE {inPage}))[1], {since})"),
            "hasNextPage" => c.Value($"count({page}.rn) > {first}"),
            _ => throw Unknown(s),
        })).ToList());
        if (!f.Selection.Any(s => s.Field is "nodes" or "edges" or "pageInfo" or "nextCursor" or "hasNextPage")) return $"(SELECT {json})";
        ChangeQueries.PageWork(c.Work, args.First); // the statement's rows, as REST's; the values returned besides
        return $"""
            (SELECT {json} FROM (
                SELECT {rows}.*, row_number() OVER (ORDER BY {rows}.seq) AS rn
                FROM {ChangeQueries.From(c.Where(), args.Since, args.Types)} {rows}
                ORDER BY {rows}.seq
                LIMIT {first} + 1) {page} GROUP BY ())
            """;
    }

    public override ObjectDeclaration Declaration { get; } = new("Change", "What one import did to one resource.",
    [
        GraphField.Column("seq", "Int!", "Position in the feed: increasing, kept across imports.", r => $"{r}.seq"),
        GraphField.Timestamp("at", "DateTime!", "When the import was first served: the resource's updatedAt after it.", r => $"{r}.at"),
        GraphField.Column("type", "ChangeResource!", "The kind of resource (an answer has its question's id).", r => $"upper({r}.type)"),
        GraphField.Column("id", "ID!", "The resource's public id.", r => $"{r}.id"),
        GraphField.Column("kind", "ChangeKind!", "Added, changed or removed.", r => $"upper({r}.kind)"),
        GraphField.Column("fields", "[String!]!", "For a change (kind changed): the fields that changed (e.g. answer, status, transfer); empty otherwise.", r => $"to_json({r}.fields)"),
    ]);
}
