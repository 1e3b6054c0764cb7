using System.Runtime.ExceptionServices;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenData.Api.GraphQL.Execution;
using OpenData.Api.GraphQL.Ide;
using OpenData.Api.GraphQL.Protection;
using OpenData.Api.Infrastructure;
using OpenData.Api.Protection;
using OpenData.Api.Rest;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with a JSON body, GET for queries only, the
/// response media type by Accept, request and validation errors as 400 with application/graphql-response+json
/// (200 with the legacy application/json), automatic persisted queries, and the query's price in extensions.cost.
/// </summary>
public static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    public static async Task HandleAsync(HttpContext http, CompiledExecutor executor, IGraphQLTextSerializer serializer,
        QueryAdmission admission, ValidatedDocuments validated, QueryPlans plans, PersistedQueryStore persisted, IOptions<GraphQLLimits> options, GraphiQLPage ide,
        QuotaCharge charge, DatasetState dataset)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (isGet && !http.Request.Query.ContainsKey("query") && !http.Request.Query.ContainsKey("extensions") && AcceptsHtml(http.Request))
        {
            await ide.Page().ExecuteAsync(http);
            return;
        }
        var mediaType = Negotiate(http.Request) ?? throw new ApiProblemException(StatusCodes.Status406NotAcceptable, "Not acceptable",
            $"/graphql answers in {GraphQLResponse} or {Json}.");
        var limits = options.Value;

        GraphQLHttpRequest request;
        try
        {
            request = isGet ? GraphQLHttpRequest.FromQueryString(http.Request.Query) : await GraphQLHttpRequest.FromBodyAsync(http.Request, limits, http.RequestAborted);
        }
        catch (GraphQLHttpRequest.InvalidException e)
        {
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status400BadRequest, GraphQLErrorCodes.InvalidRequest, $"Invalid GraphQL request: {e.Message}.");
            return;
        }

        var query = request.Query;
        string? register = null;
        if (PersistedQuery(request.Extensions) is { } apq)
        {
            if (apq.Version != 1)
            {
                await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status400BadRequest, GraphQLErrorCodes.PersistedQueryVersion, "Only version 1 of persisted queries is supported.");
                return;
            }
            if (query is null)
            {
                if (!persisted.TryGet(apq.Hash, out var stored))
                {
                    // 200, as Apollo and urql clients expect, so that they send the document and retry; never cached.
                    http.Response.Headers.CacheControl = "no-store";
                    await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status200OK, GraphQLErrorCodes.PersistedQueryNotFound, "PersistedQueryNotFound");
                    return;
                }
                query = stored;
            }
            else if (!string.Equals(PersistedQueryStore.Hash(query), apq.Hash, StringComparison.OrdinalIgnoreCase))
            {
                await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status400BadRequest, GraphQLErrorCodes.PersistedQueryHashMismatch,
                    "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query (hexadecimal, of its UTF-8 bytes).");
                return;
            }
            else register = apq.Hash;
        }
        if (string.IsNullOrWhiteSpace(query))
        {
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status400BadRequest, GraphQLErrorCodes.QueryMissing, "The request has no query.");
            return;
        }
        if (System.Text.Encoding.UTF8.GetByteCount(query) > limits.MaxDocumentBytes)
        {
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status400BadRequest, GraphQLErrorCodes.QueryTooLarge,
                $"The query is larger than {limits.MaxDocumentBytes} bytes: split it, or use variables and fragments.");
            return;
        }

        // Everything from here stops when the client leaves, and after GraphQL:TimeoutSeconds whatever happens.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        try
        {
            await RunAsync(http, executor, serializer, admission, validated, plans, persisted, limits, charge, dataset, mediaType, isGet, request, query, register, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            throw new TimeoutException($"the query ran longer than {limits.TimeoutSeconds} s");
        }
    }

    /// <summary>Admitted (its shape), validated, compiled and priced, paid, run: a query refused on the way costs its request's permit alone.</summary>
    private static async Task RunAsync(HttpContext http, CompiledExecutor executor, IGraphQLTextSerializer serializer, QueryAdmission admission,
        ValidatedDocuments validated, QueryPlans plans, PersistedQueryStore persisted, GraphQLLimits limits, QuotaCharge charge, DatasetState dataset,
        string mediaType, bool isGet, GraphQLHttpRequest request, string query, string? register, CancellationToken cancellationToken)
    {
        var refusedStatus = mediaType == GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        var key = QueryPlans.Key(query, request.OperationName, request.VariablesJson);
        var served = await dataset.GetAsync(cancellationToken);
        if (!plans.TryGet(key, out var plan)
            && !plans.TryGetShaped(query, request.OperationName, request.VariablesJson, (shaped, values) => executor.Rebind(shaped, values, served), out plan))
        {
            var admitted = admission.Admit(query, request.OperationName, request.VariablesJson);
            if (admitted.Operation is { Operation: not OperationType.Query } operation)
            {
                if (isGet)
                {
                    // The exception handler would clear Allow: the problem is written here.
                    http.Response.Headers.Allow = "POST";
                    await http.WriteProblemAsync(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                        "GET /graphql runs queries only: send mutations and subscriptions with POST.");
                    return;
                }
                await WriteErrorAsync(http, serializer, mediaType, refusedStatus,
                    "OPERATION_NOT_SUPPORTED", $"This API is read-only: the schema has no {operation.Operation.ToString().ToLowerInvariant()} type.");
                return;
            }
            if (admitted.Refused)
            {
                await WriteAsync(http, serializer, mediaType, refusedStatus, new ExecutionResult { Errors = [.. admitted.Errors] });
                return;
            }
            // A document new to the server is paid by its size before it is validated, planned and compiled.
            if (!admitted.Validated && Prices.NewDocument(admitted.Fields) is > 0 and var reading)
                await charge.TakeAsync(http, reading, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Reading a GraphQL document new to the server, of {admitted.Fields} fields once its fragments are expanded, costs {reading} permits beyond its request's."));
            plan = await executor.PlanAsync(admitted, limits, http.RequestServices, cancellationToken);
            plans.Add(key, plan, Client(http));
        }

        var most = charge.MostFor(http);
        var prepared = await executor.CompileAsync(plan, served, most, http.RequestServices, cancellationToken);
        if (prepared.Refused is { } invalid)
        {
            await WriteAsync(http, serializer, mediaType, refusedStatus, invalid);
            return;
        }
        plans.AddShaped(query, request.OperationName, request.VariablesJson, plan, Client(http));
        if (prepared.Price > most)
        {
            // Refused: it pays its own permit and the planner's estimates that priced it, nothing else.
            if (prepared.Batch is { } estimated)
                await charge.TakeAsync(http, Prices.Estimating(estimated.Work), $"This query costs {prepared.Price} permits ({prepared.Work}).");
            await WriteAsync(http, serializer, mediaType, refusedStatus, new ExecutionResult
            {
                Errors = [QueryAdmission.Error(GraphQLErrorCodes.MaxCostExceeded,
                    $"The query costs {prepared.Price} permits ({prepared.Work}); at most {most} are allowed ({charge.MostExplained(http)}). Ask for smaller pages (first), fewer fields, aliases or nested lists, fewer totals or searches.",
                    plan.Admitted.Document!, plan.Admitted.Operation!)],
                Extensions = CostExtension(prepared.Price, most),
            });
            return;
        }
        if (register is not null) persisted.Register(register, query, Client(http));
        await charge.TakeQueryAsync(http, prepared.Price, prepared.Work);

        var outcome = await executor.RunAsync(prepared, CostExtension(prepared.Price, most), http.RequestServices, cancellationToken);
        if (!plan.Admitted.Validated && plan.Admitted.Document is not null) validated.Add(plan.Admitted.Query, plan.Admitted.Document, Client(http));
        await WriteJsonAsync(http, mediaType, outcome.Json, outcome.HasErrors);
    }

    /// <summary>Whose entries a request adds to the caches: its quota partition (an address or a key).</summary>
    private static string Client(HttpContext http) => http.Features.Get<ApiClient>()?.Partition ?? "";

    private static Dictionary<string, object?> CostExtension(long requested, long most) =>
        new() { ["cost"] = new Dictionary<string, object> { ["requested"] = requested, ["limit"] = most } };

    private sealed record PersistedQueryRequest(int Version, string Hash);

    private static PersistedQueryRequest? PersistedQuery(JsonElement? extensions)
    {
        if (extensions is not { } e || !e.TryGetProperty("persistedQuery", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        var version = p.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
        var hash = p.TryGetProperty("sha256Hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : "";
        return new(version, hash);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>application/graphql-response+json when the client takes it (or anything), application/json for legacy clients.</summary>
    public static string? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return Json;
        foreach (var value in accept.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var type = value.MediaType.Value ?? "";
            if (type.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase)) return GraphQLResponse;
            if (type.Equals(Json, StringComparison.OrdinalIgnoreCase)) return Json;
            if (type is "*/*" or "application/*") return GraphQLResponse;
        }
        return null;
    }

    private static Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, int status, string code, string message) =>
        WriteAsync(http, serializer, mediaType, status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] });

    private static Task WriteAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, int status, ExecutionResult result) =>
        WriteJsonAsync(http, mediaType, System.Text.Encoding.UTF8.GetBytes(serializer.Serialize(result)), result.Errors is { Count: > 0 }, status);

    private static async Task WriteJsonAsync(HttpContext http, string mediaType, ReadOnlyMemory<byte> json, bool errors, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        http.Response.Headers.Vary = HeaderNames.Accept;
        http.Response.ContentLength = json.Length;
        if (errors)
        {
            // Errors are answers to this request only (a persisted query not known yet, a timeout): never cached.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.Remove(HeaderNames.LastModified);
            if (http.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
        }
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }
}
