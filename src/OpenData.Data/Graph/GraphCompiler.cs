using OpenData.Data.Datasets;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Sql;

namespace OpenData.Data.Graph;

/// <summary>
/// Compiles the fields of one GraphQL root field into one SQL statement that builds its JSON: objects as rows whose
/// columns are named by their fields (PostgreSQL writes a row as a JSON object; with aliases, json_build_object), related
/// objects and lists as correlated subqueries, connections as a keyset page in a
/// subquery with its total, page info and cursors. Only the fields asked for are read, and a nested list costs
/// one subquery whatever the number of its parents: one statement, one round trip, however deep the query.
/// Each row is named by a fresh alias, so a subquery only ever refers to the row right above it. As it compiles, it
/// records in the batch's work what the statement will cost PostgreSQL: every value, lookup, nested list, count and
/// search, as many times as rows can reach it (a connection its <c>first</c>, a plain list the dataset's longest such
/// list), which is what the request is priced by. Response keys other than the fields' names are bound as values, so
/// aliases do not change the statement's text.
/// </summary>
internal sealed class GraphCompiler(ReadBatch batch, TotalsCache totals, ListBounds bounds)
{
    private int aliases;

    /// <summary>How many rows what is being compiled is read for: the product of the lists above it.</summary>
    public long Rows { get; private set; } = 1;

    public ListBounds Bounds => bounds;

    public BatchWork Work => batch.Work;

    /// <summary>
    /// Compiles what is read once for each of <paramref name="times"/> rows of a list under the current ones. Each row is
    /// built as a JSON object, priced as a value (about 1 µs a row, whatever it holds: a timeline's 591 months of three
    /// numbers took 1.2–2.5 ms, 100 changes of six fields 0.8–1.15 ms, at 300,000 questions).
    /// </summary>
    public T Each<T>(long times, Func<T> compile)
    {
        var outer = Rows;
        Rows = Saturating.Times(Rows, Math.Max(0, times));
        batch.Work.Value(Rows);
        lists++;
        try
        {
            return compile();
        }
        finally
        {
            Rows = outer;
            lists--;
        }
    }

    /// <summary>A list read under each current row (a subquery per row), whose rows are at most <paramref name="bound"/>.</summary>
    public T NestedList<T>(long bound, Func<T> compile)
    {
        batch.Work.NestedList(Rows);
        return Each(bound, compile);
    }

    /// <summary>How many lists what is being compiled is in: beyond one, its texts are read under other rows, dearer.</summary>
    private int lists;

    /// <summary>
    /// A page of at most <paramref name="rows"/> rows of a list under each current row (a senator's questions): a page in
    /// keyset order each, whose rows are found one by one, far apart in the table (100 senators' pages of 101 questions
    /// read 10,000 rows in 50-67 ms at 300,000 questions: 5-6 µs a row, where a root page of 100 reads them in 0.2 ms).
    /// </summary>
    public void NestedPage(long rows)
    {
        batch.Work.NestedPage(Rows);
        batch.Work.Lookup(Saturating.Times(Rows, rows));
    }

    /// <summary>A row found by its key for each current row.</summary>
    public void Lookup() => batch.Work.Lookup(Rows);

    /// <summary>A field's response key and its value in a JSON object.</summary>
    public JsonPair Pair(FieldRead f, string value) => new(f.Key, f.KeyIsName, value);

    /// <summary>A JSON object (<see cref="JsonSql.Object"/>): its aliases, if any, bound as values.</summary>
    public string Json(IReadOnlyList<JsonPair> pairs) => JsonSql.Object(pairs, key => Bind(key));

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

    /// <summary>
    /// A key the client <paramref name="given"/> (a lookup's id, a global id) as <paramref name="read"/> reads it, bound;
    /// when a <paramref name="variable"/> gave it, bound to that variable's value, read the same way at each run
    /// (<see cref="ReadBatch.Variables"/>; a value <paramref name="read"/> gives null for is planned for).
    /// </summary>
    public string BindKey(string given, string? variable, Func<string, object?> read)
    {
        var name = Bind(read(given) ?? throw new ArgumentException($"the key {given} reads as nothing", nameof(given)));
        if (variable is not null) Bound(name, variable, read);
        return name;
    }

    /// <summary>
    /// Records that the value named <paramref name="name"/> ($n) is read from <paramref name="variable"/>'s text by
    /// <paramref name="read"/> (null when that text cannot give it: the query is then planned for it).
    /// </summary>
    public void Bound(string name, string variable, Func<string, object?> read) =>
        batch.Variables.Add(new BoundVariable(int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1, variable, read));

    /// <summary>
    /// The JSON of an object of <paramref name="kind"/> whose row is <paramref name="row"/>. An object with aliases of more
    /// keys than json_build_object takes is built in parts (<see cref="JsonSql.Object"/>): its values cost 1.2–1.6 times
    /// one of fewer keys (100 questions × 50 aliases of text: 39 µs a text, × 48: 32 µs; × 99 aliases of id 0.42 µs a value,
    /// × 49: 0.27 µs, at 300,000 questions), within the prices' margin: priced the same.
    /// </summary>
    public string Object(GraphObject kind, string row, IReadOnlyList<FieldRead> fields, NodeContext context)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        return Json(fields.Select(f => Pair(f, f.Field switch
        {
            FieldRead.TypeName => Value(JsonSql.Literal((string)f.Arguments!)),
            FieldRead.Null => Value("NULL::json"),
            _ => Returned(kind, f, kind.Field(this, row, f, context), again: !read.Add(f.Field)),
        })).ToList());
    }

    /// <summary>
    /// A value of the object's own (its objects and lists record their own work); a long text read <paramref name="again"/>
    /// by an alias, or in a list under another list's rows, is priced as the dearer kind (<see cref="BatchWork.NestedTexts"/>).
    /// </summary>
    private string Returned(GraphObject kind, FieldRead f, string sql, bool again)
    {
        if (f.Selection.Count == 0)
        {
            if (kind.IsText(f.Field)) batch.Work.Text(Rows, nested: again || lists > 1);
            else batch.Work.Value(Rows);
        }
        return sql;
    }

    /// <summary>A short value returned for each current row.</summary>
    public string Value(string sql)
    {
        batch.Work.Value(Rows);
        return sql;
    }
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

    /// <summary>Whether a scalar field is a long text (priced as one).</summary>
    public virtual bool IsText(string field) => false;

    protected static Exception Unknown(FieldRead field) => new InvalidOperationException($"no SQL for the field {field.Field}");
}
