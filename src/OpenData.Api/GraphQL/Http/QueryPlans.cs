using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Execution;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// Plans of queries that passed validation, by their document, operation name and variables (bounded by
/// <see cref="GraphQLLimits.MaxCachedPlans"/>): a client sending a query it sent before is neither checked, validated
/// nor planned again, only compiled and priced on the serving dataset. A plan keeps its parsed variables: only those of
/// at most <see cref="MaxVariablesLength"/> characters are kept, so that the cache holds no more than the documents'
/// own cache does whatever a client sends.
/// </summary>
public sealed class QueryPlans(IOptions<GraphQLLimits> options)
{
    public const int MaxVariablesLength = 1_024;

    private readonly BoundedCache<QueryPlan> plans = new(() => options.Value.MaxCachedPlans, () => options.Value.MaxCachedPerClient);

    /// <summary>
    /// The key of a request's plan, or null for one whose plan is not kept (variables too long): the texts themselves,
    /// each but the last after its length (-1 when absent), so that two requests share a key only when their operation
    /// names, variables and documents are equal (a client chooses where its texts end: an operation name may hold a line
    /// break, a document begin with one).
    /// </summary>
    public static string? Key(string query, string? operationName, string? variablesJson) =>
        variablesJson?.Length > MaxVariablesLength ? null
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{operationName?.Length ?? -1}:{operationName}{variablesJson?.Length ?? -1}:{variablesJson}{query}");

    public bool TryGet(string? key, [MaybeNullWhen(false)] out QueryPlan plan)
    {
        plan = null;
        return key is not null && plans.TryGet(key, out plan);
    }

    public void Add(string? key, QueryPlan plan, string client)
    {
        if (key is not null && plan.Refused is null) plans.Add(key, plan, client);
    }
}
