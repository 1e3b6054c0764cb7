using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Http;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Infrastructure;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>A GraphQL request checked before anything runs: its document, operation, variables and cost, or why it is refused.</summary>
public sealed record Admission(
    string Query, GraphQLDocument? Document, GraphQLOperationDefinition? Operation, global::GraphQL.Inputs? Variables,
    long? Cost, bool Validated, IReadOnlyList<ExecutionError> Errors)
{
    public bool Refused => Errors.Count > 0;
}

/// <summary>
/// Everything decided before GraphQL.NET validates and runs a document, each step in time linear in the document:
/// parsing (kept for documents seen before), the operation, the shape once fragments are expanded (size, depth,
/// cycles), the variables, and the cost. A refused query runs no SQL and no further validation, and costs 1.
/// </summary>
public sealed class QueryAdmission(IDocumentBuilder documents, ValidatedDocuments validated, OpenDataSchema schema,
    IOptions<GraphQLLimits> options, DatasetState dataset, IGraphQLTextSerializer serializer)
{
    public Admission Admit(string text, string? operationName, string? variablesJson)
    {
        var limits = options.Value;
        schema.Initialize();
        // Line ends as the spec reads them (CR, CRLF and LF are all one): the parser's error messages mishandle a lone CR.
        var query = text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
        var known = validated.TryGet(query, out var document);
        if (!known)
        {
            try
            {
                document = documents.Build(query);
            }
            catch (Exception e) when (e is GraphQLParser.Exceptions.GraphQLParserException or ExecutionError or IndexOutOfRangeException or ArgumentException)
            {
                return Refuse(query, null, "SYNTAX_ERROR", e is IndexOutOfRangeException or ArgumentException
                    ? "Error parsing query: the document is not valid GraphQL."
                    : $"Error parsing query: {e.Message}");
            }
        }
        var operations = document!.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null ? (operations.Count == 1 ? operations[0] : null) : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is null)
            return Refuse(query, document, "OPERATION_NOT_FOUND", operationName is null
                ? "The document holds several operations: name the one to run in operationName."
                : $"The document has no operation named '{operationName}'.");

        var shape = QueryShape.Of(document, operation);
        if (shape.Cycle is { } cycle) return Refuse(query, document, "FRAGMENT_CYCLE", $"The fragment '{cycle}' spreads itself.");
        if (shape.Fields > limits.MaxFields)
            return Refuse(query, document, GraphQLErrorCodes.MaxFieldsExceeded,
                $"The query selects {shape.Fields} fields once its fragments are expanded; at most {limits.MaxFields} are allowed.");

        global::GraphQL.Inputs? variables;
        try
        {
            variables = variablesJson is null ? null : serializer.Deserialize<global::GraphQL.Inputs>(variablesJson);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return Refuse(query, document, GraphQLErrorCodes.InvalidRequest, "Invalid GraphQL request: variables is not a JSON object GraphQL can read.");
        }

        var cost = QueryCost.Of(schema, shape, operation, variables, dataset.Bounds);
        var errors = new List<ExecutionError>();
        if (shape.Depth > limits.MaxDepth)
            errors.Add(Error(GraphQLErrorCodes.MaxDepthExceeded,
                $"The query is {shape.Depth} fields deep; at most {limits.MaxDepth} are allowed. Split it into several queries.", document, operation));
        if (cost.Nodes > limits.MaxCost)
            errors.Add(Error(GraphQLErrorCodes.MaxCostExceeded,
                $"The query may return or cost up to {cost.Nodes} nodes; at most {limits.MaxCost} are allowed. Ask for smaller pages (first), fewer nested lists, fewer totals or searches.", document, operation));
        foreach (var field in cost.BadFirst)
            errors.Add(Error(GraphQLErrorCodes.FirstOutOfRange, $"first must be between 0 and {Paging.MaxFirst} on {field.Name.StringValue}.", document, field));
        return new Admission(query, document, operation, variables, cost.Nodes, known, errors);
    }

    private static Admission Refuse(string query, GraphQLDocument? document, string code, string message) =>
        new(query, document, null, null, null, false, [new ExecutionError(message) { Code = code }]);

    private static ExecutionError Error(string code, string message, GraphQLDocument document, ASTNode node)
    {
        var error = new ExecutionError(message) { Code = code };
        var source = document.Source.Span;
        var start = node.Location.Start;
        if (start < 0 || start > source.Length) return error;
        var before = source[..start];
        var line = before.Count('\n') + 1;
        error.AddLocation(new GraphQLParser.Location(line, start - before.LastIndexOf('\n')));
        return error;
    }
}
