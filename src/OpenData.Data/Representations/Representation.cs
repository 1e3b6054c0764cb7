using OpenData.Data.Graph;

namespace OpenData.Data.Representations;

/// <summary>
/// A REST representation of a declared object: the fields of its GraphQL declaration that are values of its row alone
/// (<see cref="GraphField.Column"/>, <see cref="GraphField.Text"/>), in the declaration's order, with their names, types,
/// descriptions and SQL; REST's own field of the same name in place of one where REST's differs (a bare integer id); then
/// REST's fields that GraphQL has not (links). PostgreSQL reads each row's values (<see cref="Columns"/>) and
/// <see cref="RepresentationWriter"/> writes its JSON or its CSV fields; the OpenAPI schema and the CSV columns are read
/// from the same fields: a field declared for GraphQL is in REST's JSON, NDJSON, CSV and contract with it.
/// </summary>
public sealed class Representation
{
    private Representation(string name, string description, IReadOnlyList<RepresentationField> fields)
    {
        if (fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new ArgumentException($"{name}: {twice.Key} twice");
        Name = name;
        Description = description;
        Fields = fields;
    }

    /// <summary>Its schema's name in the OpenAPI document.</summary>
    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<RepresentationField> Fields { get; }

    /// <summary>A representation of REST's alone (links): its fields, nothing declared.</summary>
    internal static Representation Own(string name, string description, params RepresentationField[] fields) => new(name, description, fields);

    /// <summary>
    /// The fields of <paramref name="declaration"/>: in each one's place, the field of <paramref name="own"/> of its name
    /// when there is one (none when it is <see cref="RepresentationField.Left"/>), else the declared field when it is a
    /// value of the row (objects and lists are left out); then the rest of <paramref name="own"/> in their order, each
    /// after the field it names in <see cref="RepresentationField.After"/>, else at the end.
    /// </summary>
    internal static Representation Of(string name, ObjectDeclaration declaration, params RepresentationField[] own)
    {
        var replacing = own.ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (own.FirstOrDefault(f => f.After is not null && declaration.Find(f.Name) is not null) is { } placed)
            throw new ArgumentException($"{name}: {placed.Name} takes the place of the declared field, not one after {placed.After}");
        if (replacing.Values.FirstOrDefault(f => f.IsLeft && declaration.Find(f.Name) is null) is { } unknown)
            throw new ArgumentException($"{name} leaves out {unknown.Name}, which {declaration.Name} does not declare");
        var declared = declaration.Fields
            .Select(f => replacing.Remove(f.Name, out var mine) ? mine
                : (f.RowValue ?? f.RowSql) is { } sql ? new RepresentationField(f.Name, f.Type, f.Description, sql) { IsText = f.IsText } : null)
            .OfType<RepresentationField>().ToList();
        foreach (var extra in own.Where(f => replacing.ContainsKey(f.Name)))
        {
            var after = extra.After is null ? declared.Count : declared.FindIndex(f => f.Name == extra.After) + 1;
            if (after == 0) throw new ArgumentException($"{name}: {extra.Name} goes after {extra.After}, which it does not have");
            declared.Insert(after, extra);
        }
        return new(name, declaration.Description, [.. declared.Where(f => !f.IsLeft)]);
    }

    /// <summary>This representation and <paramref name="more"/> fields after its own (a resource's detail).</summary>
    internal Representation With(string name, string description, params RepresentationField[] more) => new(name, description, [.. Fields, .. more]);

    /// <summary>This representation after <paramref name="first"/> fields of its own (a similar question's similarity).</summary>
    internal Representation After(string name, string description, params RepresentationField[] first) => new(name, description, [.. first, .. Fields]);

    /// <summary>
    /// The select list of the row <paramref name="row"/> that <see cref="RepresentationWriter"/> writes as this
    /// representation's JSON: a column per value (held objects' values included, after whether each is there), the
    /// JSON of each list or object found elsewhere; its <see cref="RepresentationField.IsOptional"/> fields only when
    /// <paramref name="optional"/>. PostgreSQL computes values, .NET writes JSON: PostgreSQL's to_json took about 12 µs
    /// a question and its objects about 10 µs more, where reading the columns and writing them costs a few.
    /// </summary>
    internal string Columns(string row, bool optional = false) =>
        columns.GetOrAdd((row, optional), key => string.Join(", ", Flat(key.Row, key.Optional).Select((sql, i) => $"{sql} AS c{i}")));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Row, bool Optional), string> columns = new();

    private IEnumerable<string> Flat(string row, bool optional)
    {
        foreach (var f in Written(optional))
        {
            if (f.Held is { } held)
            {
                if (f.Present is { } present) yield return present(row);
                foreach (var column in held.Flat(row, optional)) yield return column;
            }
            else if (f.Zipped is { } arrays) foreach (var array in arrays) yield return array(row);
            else if (f.IsValue) yield return f.Sql(row);
            else yield return $"to_json({f.Sql(row)})::text";
        }
    }

    /// <summary>The fields written, in order.</summary>
    internal IEnumerable<RepresentationField> Written(bool optional) => Fields.Where(f => optional || !f.IsOptional);

    /// <summary>
    /// The object of the row <paramref name="row"/> as a value of another representation's row or list: PostgreSQL writes
    /// a row as a compact JSON object, each column by its name (JsonSql's row form), a timestamp as GraphQL's DateTime.
    /// </summary>
    internal string Object(string row) => Object(row, optional: false);

    private string Object(string row, bool optional) =>
        JsonSql.Object(Written(optional).Select(f => new JsonPair(f.Name, true, f.IsValue && f.ItemType == "DateTime" ? JsonSql.Timestamp(f.Sql(row)) : f.Sql(row))).ToList(),
            _ => throw new InvalidOperationException("a representation's keys are its fields' names"));

    /// <summary>
    /// The columns of a CSV export, in order, long texts last (a spreadsheet's rows stay readable): a value, or a list of
    /// values, by its name; an object or a list of objects by the columns its field names (<see cref="RepresentationField.Csv"/>).
    /// </summary>
    public IReadOnlyList<CsvValue> CsvColumns =>
        Fields.Where(f => !f.IsOptional).OrderBy(f => f.IsText).SelectMany(f => RepresentationTypes.IsScalar(f.ItemType) && !f.IsMap ? [new CsvValue(f.Name, f.Name, null)] : f.Csv).ToList();
}

/// <summary>A CSV column: its header, the field it is read from, and within that field's object (or each of its list's objects) the path of the value ("group.code"); null: the field's value itself.</summary>
public sealed record CsvValue(string Header, string Field, string? Path);

/// <summary>
/// A field of a representation: its name, its type in GraphQL's notation (with <c>Long</c>), its description and its SQL on
/// the row (for a <c>DateTime</c>, a timestamp: the writer, and PostgreSQL in a representation's object, write its text).
/// </summary>
public sealed record RepresentationField(string Name, string Type, string Description, Func<string, string> Sql)
{
    /// <summary>The representation of the object (or the objects of the list) it holds, when it is one: its schema is the field's type.</summary>
    public Representation? Object { get; init; }

    /// <summary>The CSV columns of an object field (a list's: its objects' values joined); none by default.</summary>
    public IReadOnlyList<CsvValue> Csv { get; init; } = [];

    /// <summary>Only in some answers (a search's highlight, when asked for): not required, and no CSV column.</summary>
    public bool IsOptional { get; init; }

    /// <summary>A long text (<see cref="GraphField.Text"/>): its CSV column comes last.</summary>
    public bool IsText { get; init; }

    /// <summary>A declared field REST leaves out (it gives the same otherwise: a question's themes, not their ids).</summary>
    internal bool IsLeft { get; private init; }

    /// <summary>Leaves the declared field <paramref name="name"/> out of the representation, for <paramref name="why"/>.</summary>
    internal static RepresentationField Left(string name, string why) =>
        new(name, "String", why, _ => throw new InvalidOperationException($"{name} is left out")) { IsLeft = true };

    /// <summary>Not a list but a JSON object of <see cref="ItemType"/> values by name (a dataset's row counts per table).</summary>
    public bool IsMap { get; init; }

    /// <summary>Only where it goes among a representation's fields when it is not a declared one: after the field of this name.</summary>
    internal string? After { get; init; }

    /// <summary>Its type without list or non-null marks: <c>[ID!]!</c> is <c>ID</c>.</summary>
    public string ItemType => Type.Trim('[', ']', '!');

    /// <summary>A single value of a scalar type (read as a column and written by its type), not a list, a map or an object.</summary>
    internal bool IsValue => RepresentationTypes.IsScalar(ItemType) && !IsList && !IsMap;

    public bool IsList => Type.StartsWith('[');

    public bool IsNullable => !Type.EndsWith('!');

    /// <summary>
    /// The object it holds when that object's fields are values of the same row (links, a question's ministry by its
    /// columns): read as columns of the row and written by <see cref="RepresentationWriter"/>, not built by PostgreSQL.
    /// </summary>
    public Representation? Held { get; private init; }

    /// <summary>
    /// For a list of objects held as arrays of the same row, one per field of <see cref="Object"/> in order (a question's
    /// themes: its theme_ids and theme_labels), the SQL of each array: read as arrays and written item by item.
    /// </summary>
    internal IReadOnlyList<Func<string, string>>? Zipped { get; private init; }

    /// <summary>
    /// A list of <paramref name="item"/> objects whose fields are the arrays <paramref name="arrays"/> of the same row, in
    /// the order of its fields (an item per index).
    /// </summary>
    internal static RepresentationField Zipping(string name, Representation item, string description, params Func<string, string>[] arrays)
    {
        if (arrays.Length != item.Fields.Count) throw new ArgumentException($"{name}: an array for each field of {item.Name}");
        var names = string.Join(", ", item.Fields.Select(f => f.Name));
        return new(name, $"[{item.Name}!]!", description,
            r => $"to_json(array(SELECT {item.Object("z")} FROM unnest({string.Join(", ", arrays.Select(a => a(r)))}) WITH ORDINALITY z({names}, n) ORDER BY z.n))")
        {
            Object = item,
            Zipped = arrays,
        };
    }

    /// <summary>For a held object that may be absent, the SQL of whether it is there (else it is null).</summary>
    internal Func<string, string>? Present { get; private init; }

    /// <summary>
    /// An object made of the same row: always there (links), or only where <paramref name="present"/> holds (a question's
    /// transfer), null elsewhere.
    /// </summary>
    internal static RepresentationField Holding(string name, Representation held, string description, Func<string, string>? present = null) =>
        new(name, held.Name + (present is null ? "!" : ""), description,
            r => present is null ? held.Object(r) : $"CASE WHEN {present(r)} THEN {held.Object(r)} END") { Object = held, Held = held, Present = present };
}

/// <summary>The scalar types of representations' fields, as GraphQL names them, and <c>Long</c> (a 64-bit integer).</summary>
public static class RepresentationTypes
{
    public static readonly IReadOnlySet<string> Scalars = new HashSet<string>(StringComparer.Ordinal) { "ID", "String", "Int", "Long", "Float", "Boolean", "Date", "DateTime" };

    public static bool IsScalar(string type) => Scalars.Contains(type);
}
