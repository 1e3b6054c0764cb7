using GraphQLParser.AST;

namespace OpenData.Api.GraphQL.Execution;

/// <summary>
/// The variables of an operation that give nothing but the id of a root lookup (<c>question</c>, <c>senator</c>,
/// <c>ministry</c>): an <c>ID</c> variable named only as the <c>id</c> argument of such fields of the operation's own
/// selection set. Any value of such a variable compiles to the same statements, the value bound in them; so a query is
/// planned and compiled once for all its values of these variables (<see cref="Http.QueryPlans"/>). A variable named
/// anywhere else (a filter, a directive, a fragment) is not one: its value can change what is compiled.
/// </summary>
public static class LookupVariables
{
    private static readonly HashSet<string> Lookups = new(StringComparer.Ordinal) { "question", "senator", "ministry" };

    public static IReadOnlySet<string> Of(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var ids = (operation.Variables?.Items ?? []).Where(v => IsId(v.Type)).Select(v => v.Variable.Name.StringValue).ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return ids;
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
        var asLookupId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in operation.SelectionSet.Selections.OfType<GraphQLField>())
            if (Lookups.Contains(field.Name.StringValue) && IdVariable(field) is { } name)
                asLookupId[name] = asLookupId.GetValueOrDefault(name) + 1;
        ids.RemoveWhere(name => !asLookupId.TryGetValue(name, out var n) || named.GetValueOrDefault(name) != n);
        return ids;
    }

    /// <summary>The variable given as a field's <c>id</c> argument, if one is.</summary>
    public static string? IdVariable(GraphQLField field) =>
        field.Arguments?.FirstOrDefault(a => a.Name.StringValue == "id")?.Value is GraphQLVariable v ? v.Name.StringValue : null;

    private static bool IsId(GraphQLType type) => (type is GraphQLNonNullType n ? n.Type : type) is GraphQLNamedType { Name.StringValue: "ID" };

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
