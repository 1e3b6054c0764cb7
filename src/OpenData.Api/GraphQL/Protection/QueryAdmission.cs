using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Http;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>A GraphQL request checked before it is validated: its document, operation and variables, or why it is refused.</summary>
public sealed record Admission(
    string Query, GraphQLDocument? Document, GraphQLOperationDefinition? Operation, global::GraphQL.Inputs? Variables,
    bool Validated, IReadOnlyList<ExecutionError> Errors)
{
    /// <summary>The operation's fields once its fragments are expanded (what validating and compiling it walks).</summary>
    public long Fields { get; init; }

    public bool Refused => Errors.Count > 0;
}

/// <summary>
/// Everything decided before GraphQL.NET validates a document, each step in time linear in the document: parsing
/// (kept for documents seen before), the operation, the shape once fragments are expanded (size, depth, cycles,
/// aliases, fields sharing a response key: what keeps validation linear too), and the variables. A refused query
/// runs no SQL and no validation, and costs 1. Its price is known once it is compiled (<see cref="Execution.CompiledExecutor"/>).
/// </summary>
public sealed class QueryAdmission(IDocumentBuilder documents, ValidatedDocuments validated, OpenDataSchema schema,
    IOptions<GraphQLLimits> options, IGraphQLTextSerializer serializer)
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

        var shape = QueryShape.Of(document, operation, limits.MaxFields);
        if (shape.Cycle is { } cycle) return Refuse(query, document, "FRAGMENT_CYCLE", $"The fragment '{cycle}' spreads itself.");
        if (shape.Fields > limits.MaxFields)
            return Refuse(query, document, GraphQLErrorCodes.MaxFieldsExceeded,
                $"The query selects {shape.Fields} fields once its fragments are expanded; at most {limits.MaxFields} are allowed.");
        if (shape.MostSameKey > limits.MaxSameKey)
            return Refuse(query, document, GraphQLErrorCodes.SameKeyRepeated,
                $"A selection holds {shape.MostSameKey} fields under one response key once its fragments are merged; at most {limits.MaxSameKey} are allowed.");
        if (shape.Aliases > limits.MaxAliases)
            return Refuse(query, document, GraphQLErrorCodes.MaxAliasesExceeded,
                $"The query gives {shape.Aliases} fields an alias once its fragments are expanded; at most {limits.MaxAliases} are allowed.");
        if (shape.Depth > limits.MaxDepth)
            return Refuse(query, document, GraphQLErrorCodes.MaxDepthExceeded,
                $"The query is {shape.Depth} fields deep; at most {limits.MaxDepth} are allowed. Split it into several queries.", operation);

        global::GraphQL.Inputs? variables;
        try
        {
            variables = variablesJson is null ? null : serializer.Deserialize<global::GraphQL.Inputs>(variablesJson);
        }
        // ArgumentException: GraphQL.NET's reader adds each member to a dictionary, and a name given twice in one object throws.
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return Refuse(query, document, GraphQLErrorCodes.InvalidRequest,
                "Invalid GraphQL request: variables is not a JSON object GraphQL can read (a name given twice in one object, text that is not Unicode, a number out of range).");
        }
        return new Admission(query, document, operation, variables, known, []) { Fields = shape.Fields };
    }

    private static Admission Refuse(string query, GraphQLDocument? document, string code, string message, ASTNode? at = null) =>
        new(query, document, null, null, false, [at is null || document is null ? new ExecutionError(message) { Code = code } : Error(code, message, document, at)]);

    /// <summary>An error located at <paramref name="node"/> of the document.</summary>
    public static ExecutionError Error(string code, string message, GraphQLDocument document, ASTNode node)
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
