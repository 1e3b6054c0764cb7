using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Validation;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Protection;
using OpenData.Api.GraphQL.Http;
using OpenData.Api.Protection;
using OpenData.Data.Datasets;
using OpenData.Data.Graph;
using OpenData.Data.Reading;

namespace OpenData.Api.GraphQL.Execution;

/// <summary>The outcome of a query: the response's JSON in UTF-8, and whether it holds errors.</summary>
public sealed record QueryOutcome(ReadOnlyMemory<byte> Json, bool HasErrors);

/// <summary>
/// A query validated and planned for its variables: what its statements are compiled from, and what
/// GraphQL.NET's introspection returns; or why it is refused. It depends on nothing but the document, the operation
/// and the variables, so it is kept for the next request that sends the same (<see cref="Http.QueryPlans"/>).
/// </summary>
public sealed record QueryPlan(Admission Admitted, IReadOnlyList<PlannedRoot>? Roots, IReadOnlyList<ExecutionError> Errors, long IntrospectionObjects, ExecutionResult? Refused)
{
    /// <summary>Its statements as last compiled, for the dataset version they name: a request of the same plan on that version runs them as they are.</summary>
    public CompiledQuery? Compiled { get; set; }

    /// <summary>The variables that give only keys (<see cref="Execution.KeyVariables"/>): any of their values runs the same statements.</summary>
    public IReadOnlySet<string> KeyVariables { get; init; } = new HashSet<string>();

    /// <summary>
    /// Whether its statements are bound to values of its <see cref="KeyVariables"/> other than those it was planned
    /// for (<see cref="CompiledExecutor.Rebind"/>): its <see cref="Roots"/> name the values it was planned for, so it runs
    /// only as compiled, on that dataset version.
    /// </summary>
    public bool Rebound { get; private init; }

    /// <summary>Whether it was considered for the cache of plans by shape (<see cref="Http.QueryPlans.AddShaped"/>): once.</summary>
    internal bool ShapeDecided { get; set; }

    /// <summary>This plan run with other values of its key variables, or null when its statements cannot take them.</summary>
    internal QueryPlan? With(IReadOnlyDictionary<string, string> values)
    {
        if (Compiled?.Rebind(values) is not { } rebound || !rebound.VariableNames.SetEquals(KeyVariables)) return null;
        return this with { Compiled = rebound, Rebound = true };
    }
}

/// <summary>
/// A query validated, planned and compiled, nothing run yet: its statements in a batch, and its price, the permits
/// of the work those statements record (<see cref="Prices.Of"/>, the table REST is priced by) plus the request's own
/// permit and, for introspection, the objects GraphQL.NET builds. Or why it is refused (it then costs 1).
/// </summary>
public sealed class PreparedQuery
{
    internal PreparedQuery(ExecutionResult refused) => Refused = refused;

    internal PreparedQuery(Admission admitted, IReadOnlyList<PlannedRoot>? roots, ReadBatch? batch,
        IReadOnlyList<(string Key, Deferred<ArraySegment<byte>> Value)> reads, List<ExecutionError> errors, long price, string work)
    {
        Admitted = admitted;
        Roots = roots;
        Batch = batch;
        Reads = reads;
        Errors = errors;
        Price = price;
        Work = work;
    }

    /// <summary>Why the query cannot run (validation, a <c>first</c> out of range, too many introspection objects).</summary>
    public ExecutionResult? Refused { get; }

    /// <summary>The permits the query costs, the request's own included.</summary>
    public long Price { get; }

    /// <summary>What the price pays for, in words.</summary>
    public string Work { get; } = "";

    internal Admission Admitted { get; } = null!;
    internal IReadOnlyList<PlannedRoot>? Roots { get; }
    internal ReadBatch? Batch { get; }
    internal IReadOnlyList<(string Key, Deferred<ArraySegment<byte>> Value)> Reads { get; } = [];
    internal List<ExecutionError> Errors { get; } = [];
}

/// <summary>
/// Runs a query by compiling it to SQL. GraphQL.NET validates the document (the rules only for a document not seen
/// before; variables and arguments always) and answers introspection; every data root field is compiled into one
/// statement that builds its JSON (<see cref="GraphReader"/>), all of them in one batch: one round trip on one
/// connection, one dataset. The query is planned (<see cref="PlanAsync"/>), compiled and priced before anything runs (<see cref="CompileAsync"/>),
/// then run (<see cref="RunAsync"/>). The response is written from PostgreSQL's JSON, not rebuilt.
/// </summary>
public sealed class CompiledExecutor(IDocumentValidator validator, OpenDataSchema schema, IDocumentExecuter<OpenDataSchema> executer,
    IGraphQLTextSerializer serializer, GraphReader reader, [FromKeyedServices(Infrastructure.DatabaseSetup.Pools.GraphQL)] Npgsql.NpgsqlDataSource pool,
    Infrastructure.PipelinedPool pipelined)
{
    /// <summary>Validates the admitted query and plans it: no database, and nothing that depends on the dataset.</summary>
    public async Task<QueryPlan> PlanAsync(Admission admitted, GraphQLLimits limits, IServiceProvider services, CancellationToken cancellationToken)
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
        cancellationToken.ThrowIfCancellationRequested();
        if (!validation.IsValid) return Refuse(admitted, new ExecutionResult { Errors = Capped(validation.Errors), Executed = false });

        var keyVariables = Execution.KeyVariables.Of(document, operation);
        var planner = new QueryPlanner(schema, document, validation, keyVariables);
        var roots = planner.Plan(operation);
        if (planner.FirstOutOfRange.Count > 0)
            return Refuse(admitted, new ExecutionResult
            {
                Errors = Capped(planner.FirstOutOfRange.Select(field => QueryAdmission.Error(GraphQLErrorCodes.FirstOutOfRange,
                    $"first must be between 0 and {Inputs.Paging.MaxFirst} on {field.Name.StringValue}.", document, field))),
            });
        var errors = planner.Errors.Select(e => new ExecutionError(e.Message) { Code = e.Code, Path = e.Path }).ToList();

        long introspected = 0;
        if (roots?.Any(r => r.Introspection) == true)
        {
            var counter = new IntrospectionCost(schema, document, operation, admitted.Variables);
            foreach (var root in roots.Where(r => r.Introspection)) introspected += (long)Math.Ceiling(counter.Root(root.Nodes[0]));
            if (introspected > limits.MaxIntrospectionObjects)
                return Refuse(admitted, new ExecutionResult
                {
                    Errors = [QueryAdmission.Error(GraphQLErrorCodes.MaxCostExceeded,
                        $"The query's introspection returns {introspected} objects; at most {limits.MaxIntrospectionObjects} are allowed.", document, operation)],
                });
        }

        return new QueryPlan(admitted, roots, errors, introspected, null) { KeyVariables = keyVariables };
    }

    private static QueryPlan Refuse(Admission admitted, ExecutionResult refused) => new(admitted, null, [], 0, refused);

    /// <summary>
    /// <paramref name="plan"/> with other values of its key variables (<see cref="QueryPlan.KeyVariables"/>, each
    /// the text a client sent), when its statements are compiled for <paramref name="dataset"/>; null otherwise (it is
    /// then planned for those values).
    /// </summary>
    public QueryPlan? Rebind(QueryPlan plan, IReadOnlyDictionary<string, string> values, ServingDataset? dataset) =>
        plan.Compiled is { } compiled && reader.IsCurrent(compiled, dataset?.Version) ? plan.With(values) : null;

    /// <summary>Compiles a plan into the statements of one batch and prices them, on the serving dataset (its bounds and size).</summary>
    /// <remarks>
    /// Its full-text searches are priced by their matches, estimated by PostgreSQL unless the query is over
    /// <paramref name="maxCost"/> with the fewest (then refused without a statement: its price says "at least").
    /// </remarks>
    public async Task<PreparedQuery> CompileAsync(QueryPlan plan, ServingDataset? dataset, long maxCost, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (plan.Refused is { } refused) return new PreparedQuery(refused);
        var (admitted, roots, introspected) = (plan.Admitted, plan.Roots, plan.IntrospectionObjects);
        ReadBatch? batch = null;
        var reads = new List<(string, Deferred<ArraySegment<byte>>)>();
        if (roots?.Any(r => r.Read is not null) == true)
        {
            // On GraphQL's own connections (Database:GraphQLPoolSize): its statements cannot evict REST's prepared ones.
            var session = services.GetRequiredService<DatasetSession>();
            session.ReadFrom(pool);
            batch = session.Batch();
            var read = roots.Where(r => r.Read is not null).ToList();
            IReadOnlyList<Deferred<ArraySegment<byte>>> values;
            if (plan.Compiled is { } compiled && reader.IsCurrent(compiled, dataset?.Version)) values = reader.Replay(batch, compiled);
            // Its roots name other values than its statements: the dataset changed since they were compiled (the request is retried).
            else if (plan.Rebound) throw new DatasetChangedException(plan.Compiled?.Version, dataset?.Version);
            else
            {
                (values, var reusable) = reader.Compile(batch, [.. read.Select(r => r.Read!)], dataset?.Bounds ?? ListBounds.Unknown, dataset?.Version);
                if (reusable is not null) plan.Compiled = reusable;
            }
            reads.AddRange(read.Select((r, i) => (r.Key, values[i])));
        }
        var questions = dataset?.Questions ?? Prices.ReferenceQuestions;
        if (batch is not null) batch.Work.Questions = questions;
        // The planner is asked only for what the price depends on (searches, planned statements), and only when the least
        // the query can cost is within the maximum; with neither, the price is known without it.
        var estimated = batch is not null && (batch.Work.Searches.Count > 0 || batch.Work.Planned.Count > 0)
            && Prices.Of(batch.Work, questions, fewestMatches: true).Price < maxCost;
        if (estimated) await services.GetRequiredService<DatasetSession>().EstimateAsync(batch!.Work, cancellationToken);
        var (work, what) = batch is null ? (0, "") : Prices.Of(batch.Work, questions, fewestMatches: !estimated);
        var price = Saturating.Add(Saturating.Add(1, work), Prices.Introspection(introspected));
        // Lookups share connections, several at once (Database:PipelinedPoolSize): one waits there only for answers as
        // short as its own to be read. A query that has read already (its estimates) stays where it read.
        if (batch is not null && pipelined.For(roots!.All(r => r.Read is null || r.Read.Arguments is IdArgument or NodeArgument), batch.Work) is { } shared
            && services.GetRequiredService<DatasetSession>() is { HasConnection: false } lookup)
            lookup.ReadFrom(shared, multiplexed: true);
        return new PreparedQuery(admitted, roots, batch, reads, [.. plan.Errors], price, introspected > 0 ? $"{what}, introspection ({Prices.Introspection(introspected)})".TrimStart(',', ' ') : what);
    }

    public async Task<QueryOutcome> RunAsync(PreparedQuery query, IDictionary<string, object?> costExtension, IServiceProvider services, CancellationToken cancellationToken)
    {
        var roots = query.Roots;
        var errors = query.Errors;
        var values = new Dictionary<string, ArraySegment<byte>>(StringComparer.Ordinal);
        if (roots is not null)
        {
            if (query.Batch is not null) await query.Batch.RunAsync(cancellationToken);
            foreach (var (key, value) in query.Reads) values[key] = value.Value;
            if (roots.Any(r => r.Introspection))
                foreach (var (key, json) in await IntrospectAsync(query.Admitted, roots.Where(r => r.Introspection).ToList(), errors, services, cancellationToken))
                    values[key] = Encoding.UTF8.GetBytes(json);
        }

        // {"errors":…,"data":{"key":value,…},"extensions":…}, written once as UTF-8: PostgreSQL's JSON copied in as it came.
        var response = new ArrayBufferWriter<byte>(values.Values.Sum(v => v.Count) + 256);
        response.Write("{"u8);
        if (errors.Count > 0)
        {
            var withErrors = JsonNode.Parse(serializer.Serialize(new ExecutionResult { Errors = Capped(errors), Executed = true }))!.AsObject();
            response.Write("\"errors\":"u8);
            response.Write(Encoding.UTF8.GetBytes(withErrors["errors"]!.ToJsonString()));
            response.Write(","u8);
        }
        response.Write("\"data\":"u8);
        if (roots is null) response.Write("null"u8);
        else
        {
            response.Write("{"u8);
            for (var i = 0; i < roots.Count; i++)
            {
                if (i > 0) response.Write(","u8);
                response.Write(Encoding.UTF8.GetBytes(Key(roots[i].Key)));
                response.Write(":"u8);
                response.Write(values[roots[i].Key]);
            }
            response.Write("}"u8);
        }
        response.Write(",\"extensions\":"u8);
        response.Write(Encoding.UTF8.GetBytes(serializer.Serialize(costExtension)));
        response.Write("}"u8);
        return new QueryOutcome(response.WrittenMemory, errors.Count > 0);
    }

    /// <summary>At most <see cref="GraphQLLimits.MaxErrors"/> errors, the last saying how many more there were.</summary>
    public static ExecutionErrors Capped(IEnumerable<ExecutionError> errors)
    {
        var all = errors.ToList();
        var capped = new ExecutionErrors();
        if (all.Count <= GraphQLLimits.MaxErrors)
        {
            capped.AddRange(all);
            return capped;
        }
        capped.AddRange(all.Take(GraphQLLimits.MaxErrors - 1));
        capped.Add(new ExecutionError($"… and {all.Count - GraphQLLimits.MaxErrors + 1} more errors.") { Code = "TOO_MANY_ERRORS" });
        return capped;
    }

    /// <summary>
    /// The introspection root fields, answered by GraphQL.NET (the schema describes itself there): a document of those
    /// fields alone, already validated, with the operation's variables and every fragment.
    /// </summary>
    private async Task<List<(string Key, string Json)>> IntrospectAsync(Admission admitted, List<PlannedRoot> roots, List<ExecutionError> errors,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var document = admitted.Document!;
        var only = new GraphQLOperationDefinition(new GraphQLSelectionSet([.. roots.SelectMany(r => r.Nodes)]))
        {
            Operation = OperationType.Query,
            Variables = admitted.Operation!.Variables,
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

    private static string Key(string key) => System.Text.Json.JsonSerializer.Serialize(key);
}
