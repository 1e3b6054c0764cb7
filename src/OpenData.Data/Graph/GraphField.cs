namespace OpenData.Data.Graph;

/// <summary>
/// A field of a GraphQL object, declared once: its name, its type (in GraphQL's notation, e.g. <c>[Theme!]!</c>), its
/// description, and how it is compiled to SQL and priced. The schema's object type (OpenData.Api's
/// <c>DeclaredObjectType</c>) and the compiler (<see cref="DeclaredGraph"/>) both read it: a field of the schema has SQL.
/// </summary>
public sealed record GraphField(string Name, string Type, string Description)
{
    /// <summary>Why the field is deprecated, and what to use instead; null when it is not.</summary>
    public string? Deprecation { get; init; }

    /// <summary>The arguments it takes, beyond none.</summary>
    public GraphArguments Arguments { get; init; }

    /// <summary>The description of its <c>id</c> argument (<see cref="GraphArguments.Id"/>).</summary>
    public string? IdDescription { get; init; }

    /// <summary>A long text: each value is priced as one (a title, a question's text), not as a short value.</summary>
    internal bool IsText { get; init; }

    /// <summary>Its SQL on the object's row: the value, object or list of the field, its work recorded in the compiler.</summary>
    internal Func<GraphCompiler, string, FieldRead, NodeContext, string> Sql { get; init; } = null!;

    /// <summary>
    /// Its SQL when it is a value computed from the object's row alone (<see cref="Column"/>, <see cref="Text"/>), else
    /// null: REST's representations are made of these (<see cref="Representations.Representation"/>).
    /// </summary>
    internal Func<string, string>? RowSql { get; init; }

    /// <summary>
    /// For a timestamp (<see cref="Timestamp"/>), its SQL as a timestamp, not as the text GraphQL writes: REST's writer
    /// formats it itself, which costs PostgreSQL nothing (its text took 0.3 ms of a 200-entry page of the change feed).
    /// </summary>
    internal Func<string, string>? RowValue { get; init; }

    /// <summary>A value computed from the object's row alone (a column, a date, an expression of columns).</summary>
    internal static GraphField Column(string name, string type, string description, Func<string, string> sql) =>
        new(name, type, description) { Sql = (_, row, _, _) => sql(row), RowSql = sql };

    /// <summary>A timestamp of the object's row (<paramref name="sql"/>, a timestamptz), written as GraphQL's DateTime writes it.</summary>
    internal static GraphField Timestamp(string name, string type, string description, Func<string, string> sql) =>
        Column(name, type, description, r => JsonSql.Timestamp(sql(r))) with { RowValue = sql };

    /// <summary>A long text of the object's row (<see cref="IsText"/>).</summary>
    internal static GraphField Text(string name, string type, string description, Func<string, string> sql) =>
        Column(name, type, description, sql) with { IsText = true };

    /// <summary>A field compiled by the object: another object, a list, a lookup.</summary>
    internal static GraphField Compiled(string name, string type, string description, Func<GraphCompiler, string, FieldRead, NodeContext, string> sql) =>
        new(name, type, description) { Sql = sql };
}

/// <summary>
/// The arguments a declared field takes, by kind: the schema's type adds them (OpenData.Api's <c>DeclaredArguments</c>),
/// the query planner reads them into the record its SQL takes (<c>QueryPlanner</c>).
/// </summary>
public enum GraphArguments
{
    None,

    /// <summary><c>first</c> and <c>after</c>: a page of a connection (<see cref="PageArguments"/>).</summary>
    Page,

    /// <summary>A list of questions' filter, order, <c>first</c> and <c>after</c> (<see cref="ListArguments{TFilter, TSort}"/>).</summary>
    Questions,

    /// <summary>An <c>id</c> (<see cref="IdArgument"/>), described by <see cref="GraphField.IdDescription"/>.</summary>
    Id,

    /// <summary>The answers' filter, order, <c>first</c> and <c>after</c>.</summary>
    Answers,

    /// <summary>The senators' filter, <c>first</c> and <c>after</c>.</summary>
    Senators,

    /// <summary>The ministries' filter, <c>first</c> and <c>after</c>.</summary>
    Ministries,

    /// <summary>The statistics' filter (<see cref="Stats.StatsFilter"/>).</summary>
    MinistryStats,

    /// <summary>A question filter and an interval (<see cref="TimelineArguments"/>).</summary>
    Timeline,

    /// <summary>The twin groups' filter, <c>first</c> and <c>after</c>.</summary>
    Twins,

    /// <summary>A global <c>id</c> (<see cref="NodeArgument"/>).</summary>
    Node,

    /// <summary>Global <c>ids</c>, at most <see cref="GraphPaging.MaxFirst"/>.</summary>
    Nodes,

    /// <summary>The change feed's <c>after</c> (and its former name <c>since</c>), <c>types</c> and <c>first</c> (<see cref="ChangesArguments"/>).</summary>
    Changes,
}

/// <summary>What the kinds of arguments mean beyond their record.</summary>
public static class GraphArgumentKinds
{
    /// <summary>
    /// The argument of a root field of this kind that gives nothing but keys, with its GraphQL type: a lookup's or a
    /// node's <c>id</c>, the <c>after</c> cursor of a list whose compiler binds its keys from the variable that gave it
    /// (<see cref="IListArguments.WithAfterVariable"/>: questions, answers, senators, ministries). Any value of a variable
    /// given there alone compiles to the same statements (the API's <c>KeyVariables</c>); null for the other kinds (the
    /// twin groups' and the change feed's cursors are compiled as given).
    /// </summary>
    public static (string Argument, string Type)? KeyArgument(this GraphArguments kind) => kind switch
    {
        GraphArguments.Id or GraphArguments.Node => ("id", "ID"),
        GraphArguments.Questions or GraphArguments.Answers or GraphArguments.Senators or GraphArguments.Ministries => ("after", "String"),
        _ => null,
    };
}

/// <summary>The pages of GraphQL's lists: <c>first</c>'s default and maximum (also the most ids <c>nodes</c> takes).</summary>
public static class GraphPaging
{
    public const int DefaultFirst = 20;
    public const int MaxFirst = 100;
}

/// <summary>A GraphQL object type as declared: its name, its description and its fields, in the schema's order.</summary>
public sealed class ObjectDeclaration
{
    private readonly Dictionary<string, GraphField> byName;

    internal ObjectDeclaration(string name, string description, IReadOnlyList<GraphField> fields)
    {
        Name = name;
        Description = description;
        Fields = fields;
        byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<GraphField> Fields { get; }

    public GraphField? Find(string field) => byName.GetValueOrDefault(field);
}

/// <summary>An object compiled from its declaration: each field by its own SQL.</summary>
internal abstract class DeclaredGraph : GraphObject
{
    public abstract ObjectDeclaration Declaration { get; }

    public override string Field(GraphCompiler compiler, string row, FieldRead field, NodeContext context) =>
        (Declaration.Find(field.Field) ?? throw Unknown(field)).Sql(compiler, row, field, context);

    public override bool IsText(string field) => Declaration.Find(field)?.IsText == true;
}

/// <summary>An object of a declaration and nothing else.</summary>
internal sealed class RowGraph(ObjectDeclaration declaration) : DeclaredGraph
{
    public override ObjectDeclaration Declaration => declaration;
}

/// <summary>The objects of the schema declared in the data layer, for the GraphQL types built from them.</summary>
public static class GraphDeclarations
{
    private static readonly Lazy<Dictionary<string, ObjectDeclaration>> ByName = new(() =>
        typeof(GraphDeclarations).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(ObjectDeclaration))
            .Select(p => (ObjectDeclaration)p.GetValue(null)!).ToDictionary(d => d.Name, StringComparer.Ordinal));

    /// <summary>The declaration of the object type named <paramref name="type"/>, or null for a type not declared here (connections, edges).</summary>
    public static ObjectDeclaration? Of(string type) => ByName.Value.GetValueOrDefault(type);

    public static ObjectDeclaration Query => RootGraph.Instance.Declaration;
    public static ObjectDeclaration Question => QuestionGraph.Instance.Declaration;
    public static ObjectDeclaration QuestionEvent => QuestionGraph.Event.Declaration;
    public static ObjectDeclaration Nature => QuestionGraph.Nature.Declaration;
    public static ObjectDeclaration QuestionAuthor => QuestionGraph.Author.Declaration;
    public static ObjectDeclaration Transfer => QuestionGraph.Transfer.Declaration;
    public static ObjectDeclaration Senator => SenatorGraph.Instance.Declaration;
    public static ObjectDeclaration GroupMembership => SenatorGraph.Membership.Declaration;
    public static ObjectDeclaration Ministry => MinistryGraph.Instance.Declaration;
    public static ObjectDeclaration Theme => ReferenceGraph.Theme.Declaration;
    public static ObjectDeclaration PoliticalGroup => ReferenceGraph.PoliticalGroup.Declaration;
    public static ObjectDeclaration Legislature => ReferenceGraph.Legislature.Declaration;
    public static ObjectDeclaration TwinGroup => TwinGroupGraph.Instance.Declaration;
    public static ObjectDeclaration Change => ChangeGraph.Change.Declaration;
    public static ObjectDeclaration MinistryStats => StatsGraph.Ministry.Declaration;
    public static ObjectDeclaration TimeToAnswer => StatsGraph.TimeToAnswer.Declaration;
    public static ObjectDeclaration TimelineBucket => StatsGraph.Period.Declaration;
    public static ObjectDeclaration Dataset => DatasetGraph.Dataset.Declaration;
    public static ObjectDeclaration DatasetSource => DatasetGraph.SourceFile.Declaration;
    public static ObjectDeclaration DatasetDownload => DatasetGraph.DownloadFile.Declaration;
    public static ObjectDeclaration RowCount => DatasetGraph.RowCount.Declaration;
    public static ObjectDeclaration Answer => AnswerGraph.Instance.Declaration;
    public static ObjectDeclaration Erratum => AnswerGraph.Erratum.Declaration;
}
