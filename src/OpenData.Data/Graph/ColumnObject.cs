namespace OpenData.Data.Graph;

/// <summary>An object whose fields are columns of its row (dates written as GraphQL's Date).</summary>
internal sealed class ColumnObject(Dictionary<string, string> columns) : GraphObject
{
    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) =>
        columns.TryGetValue(f.Field, out var column)
            ? column.EndsWith("::date", StringComparison.Ordinal) ? JsonSql.Date($"{r}.{column[..^6]}") : $"{r}.{column}"
            : throw Unknown(f);

    /// <summary>Whether every field <paramref name="f"/> selects is one of its columns.</summary>
    public bool Reads(FieldRead f) => f.Selection.All(s => s.Field is FieldRead.TypeName or FieldRead.Null || columns.ContainsKey(s.Field));

    /// <summary>
    /// The object a row refers to, when the row holds the fields asked for (migration 0019): read from those columns of
    /// <paramref name="row"/> where <paramref name="exists"/> says the related row exists, null where it does not, as
    /// looking it up would give; null when <see cref="Reads"/> is false. The object built for each row is priced as a
    /// value of its own (100 questions × 100 aliases of an author's or a ministry's name: 9.75 ms of PostgreSQL at 300,000
    /// questions, about 1 µs an object of one value).
    /// </summary>
    public string? Held(GraphCompiler c, string row, string exists, FieldRead f) =>
        Reads(f) ? c.Value($"CASE WHEN {exists} THEN {c.Object(this, row, f.Selection, NodeContext.None)} END") : null;
}
