using OpenData.Data.Graph;

namespace OpenData.Data.Representations;

/// <summary>
/// A REST representation of a declared object: the fields of its GraphQL declaration that are values of its row alone
/// (<see cref="GraphField.Column"/>, <see cref="GraphField.Text"/>), in the declaration's order, with their names, types,
/// descriptions and SQL; REST's own field of the same name in place of one where REST's differs (a bare integer id); then
/// REST's fields that GraphQL has not (links). PostgreSQL writes each row's JSON (<see cref="Sql"/>), and the OpenAPI
/// schema and the CSV columns are read from the same fields: a field declared for GraphQL is in REST's JSON, NDJSON, CSV
/// and contract with it.
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
    /// The row fields of <paramref name="declaration"/>, each replaced by the field of <paramref name="own"/> of its name
    /// when there is one, then the rest of <paramref name="own"/> in their order.
    /// </summary>
    internal static Representation Of(string name, ObjectDeclaration declaration, params RepresentationField[] own)
    {
        var replacing = own.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var declared = declaration.Fields.Where(f => f.RowSql is not null)
            .Select(f => replacing.Remove(f.Name, out var mine) ? mine : new RepresentationField(f.Name, f.Type, f.Description, f.RowSql!))
            .ToList();
        return new(name, declaration.Description, [.. declared, .. own.Where(f => replacing.ContainsKey(f.Name))]);
    }

    /// <summary>This representation and <paramref name="more"/> fields after its own (a resource's detail).</summary>
    internal Representation With(string name, string description, params RepresentationField[] more) => new(name, description, [.. Fields, .. more]);

    /// <summary>The SQL of the JSON of the row <paramref name="row"/>: an object of the fields in order, without layout.</summary>
    internal string Sql(string row) => JsonSql.ToJson(Object(row));

    // PostgreSQL writes a row as a compact JSON object, each column by its name (JsonSql's row form).
    private string Object(string row) =>
        JsonSql.Object(Fields.Select(f => new JsonPair(f.Name, true, f.Held is { } held ? held.Object(row) : f.Sql(row))).ToList(),
            _ => throw new InvalidOperationException("a representation's keys are its fields' names"));

    /// <summary>The fields a CSV export has a column for: values and lists of values, in order (not objects).</summary>
    public IReadOnlyList<RepresentationField> CsvFields => Fields.Where(f => RepresentationTypes.IsScalar(f.ItemType)).ToList();
}

/// <summary>A field of a representation: its name, its type in GraphQL's notation (with <c>Long</c>), its description and its SQL on the row.</summary>
public sealed record RepresentationField(string Name, string Type, string Description, Func<string, string> Sql)
{
    /// <summary>The representation of the object it holds, made from the same row (links), or null.</summary>
    public Representation? Held { get; private init; }

    /// <summary>Its type without list or non-null marks: <c>[ID!]!</c> is <c>ID</c>.</summary>
    public string ItemType => Type.Trim('[', ']', '!');

    public bool IsList => Type.StartsWith('[');

    public bool IsNullable => !Type.EndsWith('!');

    /// <summary>An object of the same row (links), always there.</summary>
    internal static RepresentationField Holding(string name, Representation held, string description) =>
        new(name, held.Name + "!", description, _ => throw new InvalidOperationException("held objects are built by their representation")) { Held = held };
}

/// <summary>The scalar types of representations' fields, as GraphQL names them, and <c>Long</c> (a 64-bit integer).</summary>
public static class RepresentationTypes
{
    public static readonly IReadOnlySet<string> Scalars = new HashSet<string>(StringComparer.Ordinal) { "ID", "String", "Int", "Long", "Float", "Boolean", "Date", "DateTime" };

    public static bool IsScalar(string type) => Scalars.Contains(type);
}
