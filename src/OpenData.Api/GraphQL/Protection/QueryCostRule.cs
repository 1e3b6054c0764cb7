using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Inputs;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>
/// Depth and cost of the operation, checked during validation, so a rejected query runs no SQL at all.
/// The cost counts the nodes the query may return, like GitHub's node limit: a connection counts its
/// requested <c>first</c> (default 20) times the pages of its enclosing connections, and every other object
/// field counts one per enclosing row. Introspection is free and not depth-limited (the API is public and
/// GraphiQL introspects). The cost is left in the user context under <see cref="CostKey"/>.
/// </summary>
public sealed class QueryCostRule(IOptions<GraphQLLimits> options) : IValidationRule
{
    public const string CostKey = "graphql.cost";

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => default;

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.Schema.Query is null) return default;
        var limits = options.Value;
        var walk = new Walk(context);
        walk.Selections(context.Operation.SelectionSet, context.Schema.Query, 1, 0, []);
        var cost = (long)Math.Min(walk.Cost, long.MaxValue);
        context.UserContext[CostKey] = cost;

        if (walk.Depth > limits.MaxDepth)
            context.ReportError(Error(context, GraphQLErrorCodes.MaxDepthExceeded,
                $"The query is {walk.Depth} fields deep; at most {limits.MaxDepth} are allowed. Split it into several queries."));
        if (cost > limits.MaxCost)
            context.ReportError(Error(context, GraphQLErrorCodes.MaxCostExceeded,
                $"The query may return up to {cost} nodes; at most {limits.MaxCost} are allowed. Ask for smaller pages (first) or fewer nested connections."));
        foreach (var field in walk.BadFirst)
            context.ReportError(Error(context, GraphQLErrorCodes.FirstOutOfRange,
                $"first must be between 0 and {Paging.MaxFirst} on {field.Name.StringValue}.", field));
        return default;
    }

    private static ValidationError Error(ValidationContext context, string code, string message, params ASTNode[] nodes) =>
        new(context.Document.Source, null, message, nodes.Length > 0 ? nodes : [context.Operation]) { Code = code };

    private sealed class Walk(ValidationContext context)
    {
        public double Cost { get; private set; }
        public int Depth { get; private set; }
        public List<GraphQLField> BadFirst { get; } = [];

        public void Selections(GraphQLSelectionSet? set, IGraphType parent, double rows, int depth, HashSet<string> fragments)
        {
            if (set is null || parent is not IComplexGraphType complex) return;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, complex, rows, depth, fragments);
                        break;
                    case GraphQLInlineFragment inline:
                        Selections(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parent, rows, depth, fragments);
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        var definition = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(d => d.FragmentName.Name.StringValue == name);
                        if (definition is null || !fragments.Add(name)) break;
                        Selections(definition.SelectionSet, TypeOf(definition.TypeCondition) ?? parent, rows, depth, fragments);
                        fragments.Remove(name);
                        break;
                }
            }
        }

        private void Field(GraphQLField field, IComplexGraphType parent, double rows, int depth, HashSet<string> fragments)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal)) return;
            var definition = parent.GetField(name);
            if (definition?.ResolvedType is null) return;
            Depth = Math.Max(Depth, depth + 1);
            var type = definition.ResolvedType.GetNamedType();
            if (type is ScalarGraphType or EnumerationGraphType) return;

            if (definition.Arguments?.Find("first") is not null)
            {
                var first = Paging.DefaultFirst;
                if (context.ArgumentValues is { } all && all.TryGetValue(field, out var arguments) && arguments.TryGetValue("first", out var value) && value.Value is int given)
                    first = given;
                if (first is < 0 or > Paging.MaxFirst) BadFirst.Add(field);
                first = Math.Clamp(first, 0, Paging.MaxFirst);
                Cost += rows * first;
                rows *= first;
            }
            else if (!IsWrapper(parent))
            {
                Cost += rows;
            }
            Selections(field.SelectionSet, type, rows, depth + 1, fragments);
        }

        // The edges, nodes and pageInfo of a connection are its rows, already counted by the connection.
        private static bool IsWrapper(IComplexGraphType parent) =>
            parent.Name.EndsWith("Connection", StringComparison.Ordinal) || parent.Name.EndsWith("Edge", StringComparison.Ordinal);

        private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
            condition is null ? null : context.Schema.AllTypes[condition.Type.Name.StringValue];
    }
}
