using GraphQL;
using OpenData.Api.Rest;
using OpenData.Api.GraphQL.Http;
using OpenData.Api.GraphQL.Ide;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL;

/// <summary>The GraphQL API at /graphql: the schema, its compiled executor, its limits and its IDE.</summary>
public static class GraphQLApi
{
    public const string Path = "/graphql";

    public static void AddGraphQLApi(this IServiceCollection services)
    {
        services.AddOptions<GraphQLLimits>().BindConfiguration(GraphQLLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueryAdmission>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<OpenDataSchema>()
            .AddGraphTypes(typeof(OpenDataSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = OpenData.Data.Representations.RepresentationWriter.Encoder) // French text stays readable, as in REST
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false));
        services.AddSingleton<OpenData.Data.Graph.GraphReader>();
        services.AddSingleton<Execution.CompiledExecutor>();
        services.AddSingleton<PersistedQueryStore>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton<QueryPlans>();
        services.AddSingleton<GraphiQLPage>();
    }

    /// <summary>The query Swagger UI's try-outs send: the real question every dataset holds.</summary>
    public const string ExampleQuery = "{ question(id: \"SEQ240611950\") { title publishedAt author { name } ministry { name } } }";

    // Only the query is pre-filled: the other parameters' examples would not fit it (a persisted query's hash is another document's).
    private static readonly IReadOnlyList<ApiParameter> QueryParameters =
    [
        ApiParameter.Text("query", "The GraphQL document (queries only).", ExampleQuery) with { Prefill = true },
        ApiParameter.Text("variables", "Variables as a JSON object.", "{\"id\": \"SEQ240611950\"}"),
        ApiParameter.Text("operationName", "The operation to run when the document holds several.", "LatestQuestions"),
        ApiParameter.Text("extensions", "Extensions as a JSON object: Apollo's persisted queries, {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"<SHA-256 of the query>\"}}, the query sent once beside its hash, then its hash alone."),
    ];

    public static void MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        // Both methods are listed in the OpenAPI document; the GraphQL schema itself is openapi/schema.graphql.
        app.MapGet(Path, GraphQLEndpoint.HandleAsync)
            .WithName("GraphQLGet").WithTags("GraphQL")
            .WithSummary("Run a GraphQL query (queries only), or open GraphiQL in a browser")
            .WithDescription("GraphQL over HTTP: query, variables (JSON), operationName, or extensions.persistedQuery (Apollo APQ) alone. Answers in application/graphql-response+json or application/json per Accept; text/html opens the GraphiQL IDE. The schema is at /graphql/schema.graphql.")
            .WithParameters(QueryParameters)
            .Produces<GraphQLResponseDoc>(StatusCodes.Status200OK, "application/graphql-response+json", "application/json")
            .Produces<GraphQLResponseDoc>(StatusCodes.Status400BadRequest, "application/graphql-response+json")
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed).ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost(Path, GraphQLEndpoint.HandleAsync)
            .WithName("GraphQLPost").WithTags("GraphQL")
            .WithSummary("Run a GraphQL query")
            .WithDescription("GraphQL over HTTP: a JSON body {query, variables, operationName, extensions}. Cost, depth and size are limited before execution; the computed cost is in extensions.cost.")
            .Accepts<GraphQLRequestDoc>("application/json")
            .WithMetadata(new RequestExample(new System.Text.Json.Nodes.JsonObject { ["query"] = ExampleQuery }))
            .Produces<GraphQLResponseDoc>(StatusCodes.Status200OK, "application/graphql-response+json", "application/json")
            .Produces<GraphQLResponseDoc>(StatusCodes.Status400BadRequest, "application/graphql-response+json")
            .ProducesProblem(StatusCodes.Status406NotAcceptable).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet($"{Path}/ide/{{file}}", (string file, GraphiQLPage ide, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return ide.Asset(file);
            })
            .ExcludeFromDescription();
        app.MapGet($"{Path}/schema.graphql", (OpenDataSchema schema) => Results.Text(schema.Print(), "text/plain; charset=utf-8"))
            .WithName("GraphQLSchema").WithTags("GraphQL").WithSummary("The GraphQL schema (SDL), as committed in openapi/schema.graphql")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status406NotAcceptable);
    }
}

/// <summary>A GraphQL request body.</summary>
/// <param name="Query">The GraphQL document.</param>
/// <param name="Variables">Variables, a JSON object.</param>
/// <param name="OperationName">The operation to run when the document holds several.</param>
/// <param name="Extensions">Extensions, e.g. persistedQuery (Apollo APQ).</param>
public sealed record GraphQLRequestDoc(string? Query, System.Text.Json.JsonElement? Variables, string? OperationName, System.Text.Json.JsonElement? Extensions) : Rest.IRequestBody;

/// <summary>A GraphQL response.</summary>
/// <param name="Data">The result, shaped like the query.</param>
/// <param name="Errors">Errors, each with message, locations and extensions.code.</param>
/// <param name="Extensions">extensions.cost: the requested cost and the limit.</param>
public sealed record GraphQLResponseDoc(System.Text.Json.JsonElement? Data, System.Text.Json.JsonElement? Errors, System.Text.Json.JsonElement? Extensions);
