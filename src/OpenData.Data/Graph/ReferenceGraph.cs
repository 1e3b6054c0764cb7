namespace OpenData.Data.Graph;

/// <summary>Theme, PoliticalGroup and Legislature, and their lists (read whole, in REST's orders).</summary>
internal static class ReferenceGraph
{
    public static readonly GraphObject Theme = new ColumnObject(new()
    {
        ["id"] = "id", ["label"] = "label", ["alias"] = "alias", ["questionCount"] = "question_count",
    });

    public static readonly GraphObject PoliticalGroup = new ColumnObject(new()
    {
        ["code"] = "code", ["label"] = "label", ["senatorCount"] = "senator_count", ["activeSenatorCount"] = "active_senator_count",
    });

    public static readonly GraphObject Legislature = new ColumnObject(new()
    {
        ["number"] = "number", ["label"] = "label", ["startDate"] = "start_date::date", ["endDate"] = "end_date::date", ["questionCount"] = "question_count",
    });

    public static string Themes(GraphCompiler c, FieldRead f)
    {
        var t = c.Alias("t");
        return JsonSql.Array(c.NestedList(c.Bounds.Themes, () => c.Object(Theme, t, f.Selection, NodeContext.None)), $"opendata.themes {t}", $"{t}.sort_order NULLS LAST, {t}.id");
    }

    public static string Groups(GraphCompiler c, FieldRead f)
    {
        var g = c.Alias("g");
        return JsonSql.Array(c.NestedList(c.Bounds.Groups, () => c.Object(PoliticalGroup, g, f.Selection, NodeContext.None)), $"opendata.political_groups {g}", $"{g}.code");
    }

    public static string Legislatures(GraphCompiler c, FieldRead f)
    {
        var l = c.Alias("l");
        return JsonSql.Array(c.NestedList(c.Bounds.Legislatures, () => c.Object(Legislature, l, f.Selection, NodeContext.None)), $"opendata.legislatures {l}", $"{l}.number DESC");
    }

    /// <summary>The political group of a code held by another row, or null when the groups table does not list it.</summary>
    public static string GroupByCode(GraphCompiler c, string code, FieldRead f)
    {
        c.Lookup();
        var g = c.Alias("g");
        return JsonSql.One(c.Object(PoliticalGroup, g, f.Selection, NodeContext.None), $"opendata.political_groups {g} WHERE {g}.code = {code}");
    }
}
