using GraphQLParser.AST;
using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Execution;

/// <summary>
/// The variables of an operation that give nothing but keys, named only as the key argument of root fields, as their
/// declared kind of arguments has it (<see cref="GraphArgumentKinds.KeyArgument"/>), in the operation's own selection
/// set: an <c>ID</c> variable as the <c>id</c> of root lookups (<c>question</c>, <c>senator</c>, <c>ministry</c>,
/// <c>node</c>: the type its value names is part of the plan's shape, <see cref="Http.QueryPlans"/>), a <c>String</c>
/// variable as the <c>after</c> cursor of root lists (<c>questions</c>, <c>answers</c>, <c>senators</c>, <c>ministries</c>). Any value of such a variable compiles to the same statements, the value (or the keys a cursor holds)
/// bound in them; so a query is planned and compiled once for all the values of these variables
/// (<see cref="Http.QueryPlans"/>). A variable named anywhere else (a filter, <c>first</c>, a directive, a fragment,
/// <c>nodes</c>) is not one: its value can change what is compiled.
/// </summary>
public static class KeyVariables
{
    /// <summary>The root fields whose declared kind of arguments has a key argument (<see cref="GraphArgumentKinds.KeyArgument"/>).</summary>
    private static readonly Dictionary<string, (string Argument, string Type)> Keys = GraphDeclarations.Query.Fields
        .Where(f => f.Arguments.KeyArgument() is not null)
        .ToDictionary(f => f.Name, f => f.Arguments.KeyArgument()!.Value, StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var types = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var definition in operation.Variables?.Items ?? []) types.TryAdd(definition.Variable.Name.StringValue, TypeName(definition.Type));
        if (types.Count == 0) return new HashSet<string>();
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
            switch (definition)
            {
                case GraphQLOperationDefinition o:
                    Count(o.Directives, named);
                    Count(o.SelectionSet, named);
                    break;
                case GraphQLFragmentDefinition f:
                    Count(f.Directives, named);
                    Count(f.SelectionSet, named);
                    break;
            }
        var asKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in operation.SelectionSet.Selections.OfType<GraphQLField>())
            if (Keys.TryGetValue(field.Name.StringValue, out var key) && Variable(field, key.Argument) is { } name && types.GetValueOrDefault(name) == key.Type)
                asKey[name] = asKey.GetValueOrDefault(name) + 1;
        return asKey.Where(k => named.GetValueOrDefault(k.Key) == k.Value).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The variable given as a field's <paramref name="argument"/>, if one is.</summary>
    public static string? Variable(GraphQLField field, string argument) =>
        field.Arguments?.FirstOrDefault(a => a.Name.StringValue == argument)?.Value is GraphQLVariable v ? v.Name.StringValue : null;

    private static string? TypeName(GraphQLType type) => (type is GraphQLNonNullType n ? n.Type : type) is GraphQLNamedType named ? named.Name.StringValue : null;

    private static void Count(GraphQLSelectionSet? set, Dictionary<string, int> named)
    {
        foreach (var selection in set?.Selections ?? [])
            switch (selection)
            {
                case GraphQLField field:
                    foreach (var argument in field.Arguments?.Items ?? []) Count(argument.Value, named);
                    Count(field.Directives, named);
                    Count(field.SelectionSet, named);
                    break;
                case GraphQLFragmentSpread spread:
                    Count(spread.Directives, named);
                    break;
                case GraphQLInlineFragment inline:
                    Count(inline.Directives, named);
                    Count(inline.SelectionSet, named);
                    break;
            }
    }

    private static void Count(GraphQLDirectives? directives, Dictionary<string, int> named)
    {
        foreach (var directive in directives?.Items ?? [])
            foreach (var argument in directive.Arguments?.Items ?? []) Count(argument.Value, named);
    }

    private static void Count(GraphQLValue value, Dictionary<string, int> named)
    {
        switch (value)
        {
            case GraphQLVariable v:
                named[v.Name.StringValue] = named.GetValueOrDefault(v.Name.StringValue) + 1;
                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? []) Count(item, named);
                break;
            case GraphQLObjectValue o:
                foreach (var field in o.Fields ?? []) Count(field.Value, named);
                break;
        }
    }
}
