using GraphQL.Types;
using GraphQLParser.AST;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>
/// The exact number of objects an introspection selection returns (__Schema, __Type, __Field, __InputValue,
/// __EnumValue, __Directive), computed from the schema without running it: each pair of a selection set and a
/// schema element is counted once (memoised), so a bomb of nested fragments over <c>types { fields { type { … } } }</c>
/// is counted, not expanded. GraphiQL's full introspection query counts about a thousand.
/// </summary>
internal sealed class IntrospectionCost(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, global::GraphQL.Inputs? inputs)
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
        .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private sealed class SchemaNode;

    private static readonly SchemaNode Schema = new();
    private readonly Dictionary<(GraphQLSelectionSet, object), double> counted = [];

    /// <summary>The objects returned by a root <c>__schema</c> or <c>__type</c> field (itself included).</summary>
    public double Root(GraphQLField field) => field.Name.StringValue switch
    {
        "__schema" => 1 + Count(field.SelectionSet, Schema),
        "__type" when Value(Argument(field, "name")) is string name && schema.AllTypes[name] is { } type => 1 + Count(field.SelectionSet, type),
        _ => 0,
    };

    private static GraphQLValue? Argument(GraphQLField field, string name) => field.Arguments?.FirstOrDefault(a => a.Name.StringValue == name)?.Value;

    /// <summary>The value of an argument of introspection (a type's name, includeDeprecated): a literal or a variable.</summary>
    private object? Value(GraphQLValue? node) => node switch
    {
        GraphQLVariable variable => inputs is not null && inputs.TryGetValue(variable.Name.StringValue, out var given) ? given
            : operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == variable.Name.StringValue)?.DefaultValue is { } fallback ? Value(fallback) : null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLBooleanValue b => b.BoolValue,
        _ => null,
    };

    private double Count(GraphQLSelectionSet? set, object element)
    {
        if (set is null) return 0;
        if (counted.TryGetValue((set, element), out var known)) return known;
        counted[(set, element)] = 0; // a cycle (an invalid document) counts nothing more
        double total = 0;
        foreach (var selection in set.Selections)
        {
            total += selection switch
            {
                GraphQLField field => Field(field, element),
                GraphQLInlineFragment inline => Count(inline.SelectionSet, element),
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) => Count(fragment.SelectionSet, element),
                _ => 0,
            };
        }
        counted[(set, element)] = total;
        return total;
    }

    private double Field(GraphQLField node, object element)
    {
        var set = node.SelectionSet;
        // Deprecated fields and values are listed only when asked for.
        var deprecated = Value(Argument(node, "includeDeprecated")) is true;
        bool Listed(string? deprecation) => deprecated || string.IsNullOrWhiteSpace(deprecation);
        return (element, node.Name.StringValue) switch
        {
            (SchemaNode, "types") => Each(set, schema.AllTypes.Where(t => Allowed(schema.Filter.AllowType(t)))),
        (SchemaNode, "queryType") => One(set, schema.Query),
        (SchemaNode, "mutationType") => One(set, schema.Mutation),
        (SchemaNode, "subscriptionType") => One(set, schema.Subscription),
        (SchemaNode, "directives") => Each(set, schema.Directives.Where(d => Allowed(schema.Filter.AllowDirective(d)))),
        (IGraphType type, "fields") when type is IComplexGraphType complex and not IInputObjectGraphType =>
            Each(set, complex.Fields.Where(f => Listed(f.DeprecationReason) && Allowed(schema.Filter.AllowField(type, f)))),
        (IGraphType type, "inputFields") when type is IInputObjectGraphType input => Each(set, input.Fields.Where(f => Listed(f.DeprecationReason) && Allowed(schema.Filter.AllowField(type, f)))),
        (IGraphType type, "enumValues") when type is EnumerationGraphType enumeration =>
            Each(set, enumeration.Values.Where(v => Listed(v.DeprecationReason) && Allowed(schema.Filter.AllowEnumValue(enumeration, v)))),
        (IGraphType type, "interfaces") when type is IImplementInterfaces implementing => Each(set, implementing.ResolvedInterfaces.Where(i => Allowed(schema.Filter.AllowType(i)))),
        (IGraphType type, "possibleTypes") when type is IAbstractGraphType @abstract => Each(set, @abstract.PossibleTypes.Where(p => Allowed(schema.Filter.AllowType(p)))),
        (IGraphType type, "ofType") when type is IProvideResolvedType wrapper => One(set, wrapper.ResolvedType),
        (FieldType field, "args") => Each(set, ((IEnumerable<QueryArgument>?)field.Arguments ?? []).Where(a => Listed(a.DeprecationReason) && Allowed(schema.Filter.AllowArgument(field, a)))),
        (FieldType field, "type") => One(set, field.ResolvedType),
        (QueryArgument argument, "type") => One(set, argument.ResolvedType),
        (Directive directive, "args") => Each(set, (IEnumerable<object>?)directive.Arguments ?? []),
        _ => 0,
        };
    }

    // The schema filter (what introspection hides) answers at once: its tasks are completed ones.
    private static bool Allowed(Task<bool> allowed) => allowed.IsCompletedSuccessfully ? allowed.Result : allowed.GetAwaiter().GetResult();

    private double One(GraphQLSelectionSet? set, object? element) => element is null ? 0 : 1 + Count(set, element);

    private double Each(GraphQLSelectionSet? set, IEnumerable<object> elements) => elements.Sum(e => 1 + Count(set, e));
}
