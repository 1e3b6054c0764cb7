using System.Text;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Validation;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Protection;
using OpenData.Data.Graph;
using OpenData.Data.Reading;

namespace OpenData.Api.GraphQL.Execution;

/// <summary>The outcome of a query: the response's JSON when it ran, or GraphQL.NET's result when validation refused it.</summary>
public sealed record QueryOutcome(string? Json, bool HasErrors, ExecutionResult? Refused);

/// <summary>
/// Runs a query by compiling it to SQL. GraphQL.NET validates the document (the rules only for a document not seen
/// before; variables and arguments always) and answers introspection; every data root field is compiled into one
/// statement that builds its JSON (<see cref="GraphReader"/>), all of them in one batch: one round trip on one
/// connection, one dataset. The response is written from PostgreSQL's JSON, not rebuilt.
/// </summary>
public sealed class CompiledExecutor(IDocumentValidator validator, OpenDataSchema schema, IDocumentExecuter<OpenDataSchema> executer,
    IGraphQLTextSerializer serializer, GraphReader reader)
{
    public async Task<QueryOutcome> ExecuteAsync(Admission admitted, IDictionary<string, object?> costExtension, IServiceProvider services, CancellationToken cancellationToken)
    {
        var document = admitted.Document!;
        var operation = admitted.Operation!;
        var validation = await validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = admitted.Validated ? [] : null,
            Variables = admitted.Variables ?? global::GraphQL.Inputs.Empty,
            Extensions = global::GraphQL.Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            Metrics = Metrics.None,
            RequestServices = services,
            CancellationToken = cancellationToken,
        });
        if (!validation.IsValid)
            return new QueryOutcome(null, true, new ExecutionResult { Errors = validation.Errors, Executed = false, Extensions = new(costExtension) });

        var planner = new QueryPlanner(schema, document, validation);
        var roots = planner.Plan(operation);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = planner.Errors.Select(e => Error(e.Message, e.Code, e.Path)).ToList();
        if (roots is not null)
        {
            var batch = services.GetRequiredService<DatasetSession>().Batch();
            var reads = roots.Where(r => r.Read is not null).Select(r => (r.Key, Value: reader.Root(batch, r.Read!))).ToList();
            if (reads.Count > 0) await batch.RunAsync(cancellationToken);
            foreach (var (key, value) in reads) values[key] = value.Value ?? "null";
            if (roots.Any(r => r.Introspection))
                foreach (var (key, json) in await IntrospectAsync(document, operation, roots.Where(r => r.Introspection).ToList(), admitted, errors, services, cancellationToken))
                    values[key] = json;
        }

        var data = roots is null ? "null" : "{" + string.Join(',', roots.Select(r => $"{Key(r.Key)}:{values[r.Key]}")) + "}";
        var extensions = serializer.Serialize(costExtension);
        if (errors.Count == 0) return new QueryOutcome($"{{\"data\":{data},\"extensions\":{extensions}}}", false, null);
        var withErrors = JsonNode.Parse(serializer.Serialize(new ExecutionResult { Errors = [.. errors], Executed = true }))!.AsObject();
        return new QueryOutcome($"{{\"errors\":{withErrors["errors"]!.ToJsonString()},\"data\":{data},\"extensions\":{extensions}}}", true, null);
    }

    /// <summary>
    /// The introspection root fields, answered by GraphQL.NET (the schema describes itself there): a document of those
    /// fields alone, already validated, with the operation's variables and every fragment.
    /// </summary>
    private async Task<List<(string Key, string Json)>> IntrospectAsync(GraphQLDocument document, GraphQLOperationDefinition operation,
        List<PlannedRoot> roots, Admission admitted, List<ExecutionError> errors, IServiceProvider services, CancellationToken cancellationToken)
    {
        var only = new GraphQLOperationDefinition(new GraphQLSelectionSet([.. roots.SelectMany(r => r.Nodes)]))
        {
            Operation = OperationType.Query,
            Variables = operation.Variables,
        };
        var definitions = new List<ASTNode> { only };
        definitions.AddRange(document.Definitions.OfType<GraphQLFragmentDefinition>());
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Document = new GraphQLDocument(definitions) { Source = document.Source },
            ValidationRules = [],
            Variables = admitted.Variables,
            RequestServices = services,
            CancellationToken = cancellationToken,
        });
        if (result.Errors is { Count: > 0 } found) errors.AddRange(found);
        var data = JsonNode.Parse(serializer.Serialize(result))?["data"] as JsonObject;
        return roots.Select(r => (r.Key, data?[r.Key]?.ToJsonString() ?? "null")).ToList();
    }

    private static ExecutionError Error(string message, string code, IReadOnlyList<object> path) =>
        new(message) { Code = code, Path = path };

    private static string Key(string key) => System.Text.Json.JsonSerializer.Serialize(key);
}
