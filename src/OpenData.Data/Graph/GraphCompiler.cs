using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Sql;

namespace OpenData.Data.Graph;

/// <summary>
/// Compiles the fields of one GraphQL root field into one SQL statement that builds its JSON: objects with
/// json_build_object, related objects and lists as correlated subqueries, connections as a keyset page in a
/// subquery with its total, page info and cursors. Only the fields asked for are read, and a nested list costs
/// one subquery whatever the number of its parents: one statement, one round trip, however deep the query.
/// Each row is named by a fresh alias, so a subquery only ever refers to the row right above it.
/// </summary>
internal sealed class GraphCompiler(ReadBatch batch, TotalsCache totals)
{
    private int aliases;

    public const string RootTotalName = "root_total";

    public TotalsCache Totals => totals;

    /// <summary>The total of the root field's list, when its totalCount is read (see <see cref="UseRootTotal"/>).</summary>
    public ListTotal? RootTotal { get; private set; }

    /// <summary>The SQL of a root list's totalCount: the statement counts it once, in a CTE, and returns it to be remembered.</summary>
    public string UseRootTotal(ListTotal total)
    {
        RootTotal = total;
        return $"(SELECT n FROM {RootTotalName})";
    }

    public ReadBatch Batch => batch;

    public string Alias(string prefix) => $"{prefix}{++aliases}";

    public SqlWhere Where() => batch.Where();

    public string Bind(object value) => batch.Where().Bind(value);

    /// <summary>The JSON of an object of <paramref name="kind"/> whose row is <paramref name="row"/>.</summary>
    public string Object(GraphObject kind, string row, IReadOnlyList<FieldRead> fields, NodeContext context) =>
        JsonSql.Object(fields.Select(f => (f.Key, f.Field switch
        {
            FieldRead.TypeName => JsonSql.Literal((string)f.Arguments!),
            FieldRead.Null => "NULL::json",
            _ => kind.Field(this, row, f, context),
        })).ToList());
}

/// <summary>What the fields of a node may need from above it: the full-text query of the list it belongs to.</summary>
internal sealed record NodeContext(string? TsQuery)
{
    public static readonly NodeContext None = new((string?)null);
}

/// <summary>One kind of GraphQL object: how each of its fields is read from a row.</summary>
internal abstract class GraphObject
{
    public abstract string Field(GraphCompiler compiler, string row, FieldRead field, NodeContext context);

    protected static Exception Unknown(FieldRead field) => new InvalidOperationException($"no SQL for the field {field.Field}");
}
