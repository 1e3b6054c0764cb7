using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Execution;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// Plans of queries that passed validation, by their document, operation name and variables (bounded by
/// <see cref="GraphQLLimits.MaxCachedPlans"/>): a client sending a query it sent before is neither checked, validated
/// nor planned again, only compiled and priced on the serving dataset.
/// </summary>
public sealed class QueryPlans(IOptions<GraphQLLimits> options)
{
    private readonly BoundedCache<QueryPlan> plans = new(() => options.Value.MaxCachedPlans);

    public static string Key(string query, string? operationName, string? variablesJson) =>
        string.Concat(operationName ?? "", "\n", variablesJson ?? "", "\n", query);

    public bool TryGet(string key, out QueryPlan plan) => plans.TryGet(key, out plan!);

    public void Add(string key, QueryPlan plan)
    {
        if (plan.Refused is null) plans.Add(key, plan);
    }
}
