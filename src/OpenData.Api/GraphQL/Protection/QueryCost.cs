using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Protection;
using OpenData.Data.Datasets;
using OpenData.Data.Reading;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>
/// What a query may cost PostgreSQL, in nodes: every object it may return, for every list (a connection counts
/// its <c>first</c>; a plain list the largest such list of the dataset; introspection exactly), times the rows of
/// the lists it is nested in, plus the work that returns no object at the price it costs the database
/// (<see cref="Prices"/>, the table REST is priced by too). Each pair of a selection set and its type is costed once, so the time is linear in the
/// document whatever its fragments spread; a document seen before is costed again because variables change it.
/// </summary>
public sealed class QueryCost
{
    private enum Scope { Object, Connection, Edge }

    private readonly record struct ConnectionInfo(int First, int TotalPrice);

    private readonly ISchema schema;
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments;
    private readonly IReadOnlyDictionary<string, object?> variables;
    private readonly ListBounds bounds;
    private readonly IntrospectionCost introspection;
    private readonly Dictionary<(GraphQLSelectionSet, IGraphType, Scope, ConnectionInfo), double> costed = [];
    private readonly List<GraphQLField> badFirst = [];

    private QueryCost(ISchema schema, QueryShape shape, GraphQLOperationDefinition operation, global::GraphQL.Inputs? inputs, ListBounds bounds)
    {
        this.schema = schema;
        fragments = shape.Fragments;
        this.bounds = bounds;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in operation.Variables?.Items ?? [])
            values[definition.Variable.Name.StringValue] = definition.DefaultValue is { } fallback ? Literal(fallback) : null;
        foreach (var (name, value) in inputs ?? global::GraphQL.Inputs.Empty) values[name] = value;
        variables = values;
        introspection = new IntrospectionCost(schema, fragments, Value);
    }

    /// <summary>The nodes the operation may return and cost (capped at long.MaxValue).</summary>
    public long Nodes { get; private set; }

    /// <summary>Fields whose <c>first</c> is outside 0..<see cref="Paging.MaxFirst"/>.</summary>
    public IReadOnlyList<GraphQLField> BadFirst => badFirst;

    public static QueryCost Of(ISchema schema, QueryShape shape, GraphQLOperationDefinition operation, global::GraphQL.Inputs? variables, ListBounds bounds)
    {
        var cost = new QueryCost(schema, shape, operation, variables, bounds);
        var nodes = cost.Unit(operation.SelectionSet, schema.Query, Scope.Object, default);
        cost.Nodes = nodes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(nodes);
        return cost;
    }

    /// <summary>The cost of a selection set for one row of its type.</summary>
    private double Unit(GraphQLSelectionSet? set, IGraphType type, Scope scope, ConnectionInfo connection)
    {
        if (set is null || type is not IComplexGraphType complex) return 0;
        var key = (set, type, scope, connection);
        if (costed.TryGetValue(key, out var known)) return known;
        costed[key] = 0;
        double total = 0;
        foreach (var selection in set.Selections)
        {
            total += selection switch
            {
                GraphQLField field => Field(field, complex, scope, connection),
                GraphQLInlineFragment inline => Unit(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? type, scope, connection),
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                    => Unit(fragment.SelectionSet, TypeOf(fragment.TypeCondition) ?? type, scope, connection),
                _ => 0,
            };
        }
        costed[key] = total;
        return total;
    }

    private double Field(GraphQLField field, IComplexGraphType parent, Scope scope, ConnectionInfo connection)
    {
        var name = field.Name.StringValue;
        if (name is "__schema" or "__type") return introspection.Root(field);
        if (name.StartsWith("__", StringComparison.Ordinal)) return 0;
        var definition = parent.GetField(name);
        if (definition?.ResolvedType is not { } resolved) return 0; // validation reports it
        var named = resolved.GetNamedType();

        switch (scope)
        {
            case Scope.Connection:
                return name switch
                {
                    "totalCount" => connection.TotalPrice,
                    "nodes" => connection.First * Unit(field.SelectionSet, named, Scope.Object, default),
                    "edges" => connection.First * Unit(field.SelectionSet, named, Scope.Edge, default),
                    _ => 0, // pageInfo: known with the page
                };
            case Scope.Edge:
                return name == "node" ? Unit(field.SelectionSet, named, Scope.Object, default) : 0;
        }

        if (named is ScalarGraphType or EnumerationGraphType)
            return parent.Name == "Question" && name == "highlight" ? Prices.Highlight : 0;
        if (definition.Arguments?.Find("first") is not null)
            return Connection(field, definition, parent, named);
        if (IsList(resolved))
            return Bound(parent.Name, name) * (1 + Unit(field.SelectionSet, named, Scope.Object, default)) + LivePrice(field, parent, name);
        return 1 + Unit(field.SelectionSet, named, Scope.Object, default);
    }

    private double Connection(GraphQLField field, FieldType definition, IComplexGraphType parent, IGraphType named)
    {
        var first = Paging.DefaultFirst;
        var given = Value(Argument(field, "first"));
        if (given is not null)
        {
            // Not an integer: validation says so; costed as the largest page meanwhile.
            if (!TryInteger(given, out first)) first = Paging.MaxFirst;
            else if (first is < 0 or > Paging.MaxFirst) badFirst.Add(field);
            first = Math.Clamp(first, 0, Paging.MaxFirst);
        }
        var filter = Value(Argument(field, "filter")) as IDictionary<string, object?>;
        var searching = filter?.TryGetValue("q", out var q) == true && q is string text && !string.IsNullOrWhiteSpace(text);
        // A nested list (a senator's or a ministry's questions) is filtered by its parent, whatever its own filter; counting
        // by a senator or a ministry alone reads their index, any other filter the matching rows.
        var conditions = filter?.Where(f => f.Value is not null && f.Value is not false).Select(f => f.Key).ToList() ?? [];
        var byKeyOnly = conditions.All(c => c is "senator" or "ministry" or "lineage");
        var filtered = parent != schema.Query || conditions.Count > 0;
        var ranked = Value(Argument(field, "orderBy")) is string order && order.Equals("RELEVANCE", StringComparison.Ordinal);
        var price = (searching ? Prices.Search : 0) + (searching && ranked ? Prices.Rank : 0);
        var total = !searching && !filtered ? 0 : Prices.Total(searching ? CountKind.FullText : byKeyOnly ? CountKind.ByKey : CountKind.Filtered);
        return 1 + first + price + Unit(field.SelectionSet, named, Scope.Connection, new ConnectionInfo(first, total));
    }

    /// <summary>Statistics and timelines with filters are computed from the questions, not read precomputed.</summary>
    private double LivePrice(GraphQLField field, IComplexGraphType parent, string name)
    {
        if (parent != schema.Query || Value(Argument(field, "filter")) is not IDictionary<string, object?> filter) return 0;
        return name switch
        {
            "ministryStats" when filter.Any(f => f.Key != "current" && f.Value is not null) => Prices.LiveStatistics,
            "timeline" when filter.Values.Any(v => v is not null) => Prices.LiveTimeline,
            _ => 0,
        };
    }

    /// <summary>The longest the dataset makes each plain list.</summary>
    private int Bound(string type, string field) => (type, field) switch
    {
        ("Query", "themes") => bounds.Themes,
        ("Query", "groups") => bounds.Groups,
        ("Query", "legislatures") => bounds.Legislatures,
        ("Query", "ministryStats") => bounds.Ministries,
        ("Query", "timeline") => bounds.Months,
        ("Question", "themes") => bounds.QuestionThemes,
        ("Question", "reminders") => bounds.Reminders,
        ("Question", "events") => bounds.Reminders + 6, // published, transferred, answered, two errata, an outcome, and each reminder
        ("Answer", "sharedWith") => bounds.SharedWith,
        ("Ministry", "predecessors") => bounds.Predecessors,
        ("Senator", "groupHistory") => bounds.Memberships,
        ("Dataset", "sources") => 3,
        ("Dataset", "rowCounts") => 32,
        _ => 1_000, // a list added without a bound here is costed generously
    };

    private static bool IsList(IGraphType type) => type is NonNullGraphType nonNull ? IsList(nonNull.ResolvedType!) : type is ListGraphType;

    private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : schema.AllTypes[condition.Type.Name.StringValue];

    private static GraphQLValue? Argument(GraphQLField field, string name) =>
        field.Arguments?.FirstOrDefault(a => a.Name.StringValue == name)?.Value;

    private object? Value(GraphQLValue? value) => value switch
    {
        GraphQLVariable variable => variables.GetValueOrDefault(variable.Name.StringValue),
        GraphQLObjectValue obj => (obj.Fields ?? []).GroupBy(f => f.Name.StringValue)
            .ToDictionary(g => g.Key, g => Value(g.First().Value), StringComparer.Ordinal),
        _ => Literal(value),
    };

    private static object? Literal(GraphQLValue? value) => value switch
    {
        GraphQLIntValue i => long.TryParse(i.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : double.PositiveInfinity,
        GraphQLFloatValue f => double.TryParse(f.Value.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.PositiveInfinity,
        GraphQLStringValue s => (string)s.Value,
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLListValue l => (l.Values ?? []).Select(Literal).ToList(),
        GraphQLObjectValue o => (o.Fields ?? []).GroupBy(f => f.Name.StringValue).ToDictionary(g => g.Key, g => Literal(g.First().Value), StringComparer.Ordinal),
        _ => null,
    };

    private static bool TryInteger(object value, out int result)
    {
        result = 0;
        try
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(number) || number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue) return false;
            result = (int)number;
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }
}
