namespace OpenData.Data.Graph;

/// <summary>Theme, PoliticalGroup and Legislature, and their lists (read whole, in REST's orders).</summary>
internal static class ReferenceGraph
{
    public static readonly DeclaredGraph Theme = new RowGraph(new("Theme", "A theme of the Senate's classification of questions.",
    [
        GraphField.Column("id", "Int!", "The theme's code, its public id (the theme filter of question lists).", r => $"{r}.id"),
        GraphField.Column("label", "String!", "Label as published.", r => $"{r}.label"),
        GraphField.Column("alias", "String", "Short label, as published, if any.", r => $"{r}.alias"),
        GraphField.Column("questionCount", "Int!", "Questions with this theme in the dataset.", r => $"{r}.question_count"),
    ]));

    public static readonly DeclaredGraph PoliticalGroup = new RowGraph(new("PoliticalGroup", "A political group of the Senate.",
    [
        GraphField.Column("code", "String!", "The group's code, its public id (e.g. UC).", r => $"{r}.code"),
        GraphField.Column("label", "String!", "The group's name (its code when unknown).", r => $"{r}.label"),
        GraphField.Column("senatorCount", "Int!", "Senators, sitting or former, whose current (or last) group this is.", r => $"{r}.senator_count"),
        GraphField.Column("activeSenatorCount", "Int!", "Sitting senators whose current group this is.", r => $"{r}.active_senator_count"),
    ]));

    public static readonly DeclaredGraph Legislature = new RowGraph(new("Legislature", "A legislature (the Senate's numbering of the Fifth Republic's parliaments).",
    [
        GraphField.Column("number", "Int!", "The legislature's number, its public id (e.g. 17).", r => $"{r}.number"),
        GraphField.Column("label", "String!", "Label as published.", r => $"{r}.label"),
        GraphField.Column("startDate", "Date", "First day.", r => JsonSql.Date($"{r}.start_date")),
        GraphField.Column("endDate", "Date", "Last day, or null for the current legislature.", r => JsonSql.Date($"{r}.end_date")),
        GraphField.Column("questionCount", "Int!", "Questions of this legislature in the dataset.", r => $"{r}.question_count"),
    ]));

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
