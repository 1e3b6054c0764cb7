using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Sql;

namespace OpenData.Data.Graph;

/// <summary>A list read as a Relay connection: its table, the rows it holds, their order and their objects.</summary>
/// <param name="From">The table and its alias, as <paramref name="Where"/> names it.</param>
/// <param name="Columns">The columns of a row its objects read (the page's rows are a subquery of them).</param>
/// <param name="Where">The list's conditions: its filter and, nested, what ties it to its parent.</param>
/// <param name="Keyset">Its order.</param>
/// <param name="Node">The objects of its rows.</param>
/// <param name="Context">What its objects need from it (its full-text query, for highlights).</param>
/// <param name="Count">How its total is counted (what counting it costs).</param>
/// <param name="Total">Its total when the list is a root field (counted once per dataset and remembered), made when totalCount is read; null nested.</param>
internal sealed record ConnectionSpec(string From, string Columns, SqlWhere Where, Keyset Keyset, GraphObject Node, NodeContext Context,
    CountKind Count, Func<ListTotal>? Total)
{
    /// <summary>Fields of its edges read from a column of the same name of the page's rows (the similarity of a similar question).</summary>
    public IReadOnlyList<string> EdgeColumns { get; init; } = [];
}

internal static class Connections
{
    /// <summary>
    /// The JSON of a connection: a page of first + 1 rows in keyset order (the extra row only says that another page
    /// follows), the objects of the first ones, their cursors, the page info and the exact total, as asked for. The page
    /// is aggregated into one row even when nothing asked aggregates it (<c>pageInfo { hasPreviousPage }</c>): GROUP BY ().
    /// Without <c>pageInfo</c> nothing needs the row after the page, nor the rows' numbers: the page is first rows,
    /// aggregated in the list's order by their keys (sorting a page of rows costs PostgreSQL less than numbering them with
    /// a window: a senator's 20 questions 97 against 122-130 µs a statement, PostGraphile 5's own 94-118).
    /// </summary>
    /// <remarks>A cursor given by a variable of keys (<paramref name="afterVariable"/>) is bound as the variable's (<see cref="GraphCompiler.Bound"/>).</remarks>
    public static string Json(GraphCompiler c, FieldRead field, ConnectionSpec spec, int first, string? after, string? afterVariable = null)
    {
        var page = c.Alias("p");
        var firstSql = c.Bind(first);
        var numbered = field.Selection.Any(f => f.Field == "pageInfo");
        var inPage = $"{page}.rn <= {firstSql}";
        string Aggregate(string value) => numbered
            ? $"coalesce(json_agg({value} ORDER BY {page}.rn) FILTER (WHERE {inPage}), '[]'::json)"
            : $"coalesce(json_agg({value} ORDER BY {spec.Keyset.OrderByKeys(page)}), '[]'::json)";
        var rowsWhere = spec.Where.Extend();
        if (after is not null) spec.Keyset.After(after, rowsWhere, afterVariable is null ? null : (name, read) => c.Bound(name, afterVariable, read));
        var pairs = new List<JsonPair>();
        ListTotal? total = null;
        foreach (var f in field.Selection)
        {
            pairs.Add(c.Pair(f, f.Field switch
            {
                FieldRead.TypeName => c.Value(JsonSql.Literal((string)f.Arguments!)),
                FieldRead.Null => c.Value("NULL::json"),
                "totalCount" => c.Value(spec.Total is { } make ? c.UseRootTotal(total ??= make()) : NestedCount(c, spec)),
                "nodes" when first == 0 => "'[]'::json",
                "edges" when first == 0 => "'[]'::json",
                "nodes" => Aggregate(c.Each(first, () => c.Object(spec.Node, page, f.Selection, spec.Context))),
                "edges" => Aggregate(c.Each(first, () => Edge(c, spec, page, f))),
                "pageInfo" => PageInfo(c, f, first == 0 ? null : (page, firstSql, spec.Keyset.CursorOfKeys(page)), after is not null),
                _ => throw new InvalidOperationException($"no SQL for the connection field {f.Field}"),
            }));
        }
        var json = c.Json(pairs);
        if (first == 0 || !field.Selection.Any(f => f.Field is "nodes" or "edges" or "pageInfo")) return $"(SELECT {json})";
        // Numbered, the page reads its keys only for the page info's cursors; unnumbered, for the aggregate's order.
        var keys = !numbered || field.Selection.Any(f => f.Field == "pageInfo" && f.Selection.Any(p => p.Field is "startCursor" or "endCursor"))
            ? spec.Keyset.KeyColumns + ", " : "";
        var (order, limit) = numbered
            ? ($"{keys}row_number() OVER (ORDER BY {spec.Keyset.OrderBy}) AS rn", $"{firstSql} + 1")
            : (spec.Keyset.KeyColumns, firstSql);
        return $"""
            (SELECT {json} FROM (
                SELECT {PageColumns.Select(spec.Columns, json, page, spec.Keyset.CursorColumn)}{order}
                FROM {spec.From}
                WHERE {rowsWhere.Sql}
                ORDER BY {spec.Keyset.OrderBy}
                LIMIT {limit}) {page} GROUP BY ())
            """;
    }

    /// <summary>The total of a list under another row, counted for each of them.</summary>
    private static string NestedCount(GraphCompiler c, ConnectionSpec spec)
    {
        c.Work.Count(spec.Count, c.Rows);
        return $"(SELECT count(*) FROM {spec.From} WHERE {spec.Where.Sql})";
    }

    private static string Edge(GraphCompiler c, ConnectionSpec spec, string page, FieldRead edges) => Edge(c, spec.Node, spec.Context, page, edges, spec.EdgeColumns);

    /// <summary>An edge of a page: the row's cursor and its object (and the <paramref name="columns"/> of its row asked for).</summary>
    internal static string Edge(GraphCompiler c, GraphObject node, NodeContext context, string page, FieldRead edges, IReadOnlyList<string>? columns = null) =>
        c.Json(edges.Selection.Select(e => c.Pair(e, e.Field switch
        {
            FieldRead.TypeName => c.Value(JsonSql.Literal((string)e.Arguments!)),
            FieldRead.Null => c.Value("NULL::json"),
            "cursor" => c.Value($"{page}.cursor"),
            "node" => c.Object(node, page, e.Selection, context),
            _ when columns?.Contains(e.Field) == true => c.Value($"{page}.{e.Field}"),
            _ => throw new InvalidOperationException($"no SQL for the edge field {e.Field}"),
        })).ToList());

    /// <summary>
    /// Whether another page follows (the extra row was read) and, when one does, the cursor of the page's last row; the
    /// cursor of its first row; whether rows precede it (it starts after a cursor). A page of 0 rows has no cursor.
    /// <paramref name="page"/>'s Cursor is the SQL of a row's cursor, made only for the rows these fields read.
    /// </summary>
    internal static string PageInfo(GraphCompiler c, FieldRead info, (string Page, string First, string Cursor)? page, bool afterCursor) =>
        c.Json(info.Selection.Select(p => c.Pair(p, p.Field switch
        {
            FieldRead.TypeName => c.Value(JsonSql.Literal((string)p.Arguments!)),
            FieldRead.Null => c.Value("NULL::json"),
            "hasNextPage" => c.Value(page is { } r ? $"count({r.Page}.rn) > {r.First}" : "false"),
            "endCursor" => c.Value(page is { } r ? $"CASE WHEN count({r.Page}.rn) > {r.First} THEN (array_agg({r.Cursor}) FILTER (WHERE {r.Page}.rn = {r.First}))[1] END" : "NULL::text"),
            "startCursor" => c.Value(page is { } s ? $"(array_agg({s.Cursor}) FILTER (WHERE {s.Page}.rn = 1))[1]" : "NULL::text"),
            "hasPreviousPage" => c.Value(afterCursor ? "true" : "false"),
            _ => throw new InvalidOperationException($"no SQL for the page info field {p.Field}"),
        })).ToList());
}
