using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
/// A plan is also kept by its shape (<see cref="TryGetShaped"/>): its document, operation name and variables, but for the
/// values of its key variables (<see cref="QueryPlan.KeyVariables"/>), which its statements take as they are: a client
/// asking for one question after another by <c>question(id: $id)</c>, or walking a list page by page by
/// <c>after: $after</c>, plans and compiles its query once (twice: the first page has no cursor).
/// </summary>
public sealed class QueryPlans(IOptions<GraphQLLimits> options)
{
    public const int MaxVariablesLength = 1_024;

    private readonly BoundedCache<QueryPlan> plans = new(() => options.Value.MaxCachedPlans, () => options.Value.MaxCachedPerClient);

    // The key variables of a document's operation, by its key without variables; its plans by shape are in plans.
    private readonly BoundedCache<IReadOnlySet<string>> keyVariables = new(() => options.Value.MaxCachedPlans, () => options.Value.MaxCachedPerClient);

    private long shapedHits;

    /// <summary>How many requests ran a plan of the same shape with their own keys (for tests and metrics).</summary>
    public long ShapedHits => Interlocked.Read(ref shapedHits);

    /// <summary>
    /// The key of a request's plan, or null for one whose plan is not kept (variables too long): the texts themselves,
    /// each but the last after its length (-1 when absent), so that two requests share a key only when their operation
    /// names, variables and documents are equal (a client chooses where its texts end: an operation name may hold a line
    /// break, a document begin with one).
    /// </summary>
    public static string? Key(string query, string? operationName, string? variablesJson) =>
        variablesJson?.Length > MaxVariablesLength ? null : Texts(query, operationName, variablesJson);

    private static string Texts(string query, string? operationName, string? variablesJson) =>
        string.Create(CultureInfo.InvariantCulture, $"{operationName?.Length ?? -1}:{operationName}{variablesJson?.Length ?? -1}:{variablesJson}{query}");

    public bool TryGet(string? key, [MaybeNullWhen(false)] out QueryPlan plan)
    {
        plan = null;
        return key is not null && plans.TryGet(key, out plan);
    }

    public void Add(string? key, QueryPlan plan, string client)
    {
        if (key is not null && plan.Refused is null) plans.Add(key, plan, client);
    }

    /// <summary>
    /// A plan of the same shape as this request, bound by <paramref name="rebind"/> to the values of its key variables
    /// this request sends (each a JSON string: <see cref="CompiledExecutor.Rebind"/>).
    /// </summary>
    public bool TryGetShaped(string query, string? operationName, string? variablesJson,
        Func<QueryPlan, IReadOnlyDictionary<string, string>, QueryPlan?> rebind, [MaybeNullWhen(false)] out QueryPlan plan)
    {
        plan = null;
        if (variablesJson is null || variablesJson.Length > MaxVariablesLength || !keyVariables.TryGet(Texts(query, operationName, null), out var names)
            || Shape(query, operationName, variablesJson, names) is not { } shape || !plans.TryGet(shape.Key, out var shaped)
            || rebind(shaped, shape.Values) is not { } rebound) return false;
        Interlocked.Increment(ref shapedHits);
        plan = rebound;
        return true;
    }

    /// <summary>
    /// Keeps <paramref name="plan"/> (the plan of this request's texts) by its shape too, when it has key variables, once
    /// its statements are compiled for reuse (the first compilation on a fresh instance is not: the next one is).
    /// </summary>
    public void AddShaped(string query, string? operationName, string? variablesJson, QueryPlan plan, string client)
    {
        if (plan.ShapeDecided || plan.Rebound || plan.Compiled is null) return;
        plan.ShapeDecided = true;
        // A plan with errors is not: an error (a cursor of another list) may depend on a value.
        if (plan.Refused is not null || plan.Errors.Count > 0 || plan.KeyVariables.Count == 0
            || variablesJson is null || variablesJson.Length > MaxVariablesLength
            || Shape(query, operationName, variablesJson, plan.KeyVariables) is not { } shape) return;
        keyVariables.Add(Texts(query, operationName, null), plan.KeyVariables, client);
        plans.Add(shape.Key, plan, client);
    }

    /// <summary>
    /// The key of a request's shape: its texts, but each of <paramref name="names"/> given as a JSON string stands for any
    /// string (its value returned); null when the variables are not a JSON object of distinct names.
    /// </summary>
    private static (string Key, Dictionary<string, string> Values)? Shape(string query, string? operationName, string variablesJson, IReadOnlySet<string> names)
    {
        try
        {
            using var document = JsonDocument.Parse(variablesJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var shape = new StringBuilder();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) return null;
                shape.Append(CultureInfo.InvariantCulture, $"{property.Name.Length}:{property.Name}");
                if (names.Contains(property.Name) && Checked(property.Value) is { } value)
                {
                    values[property.Name] = value;
                    // A string, whichever, of the type of object it names if any (node(id:) reads that type's fields): a
                    // value kept as it is begins with its length.
                    shape.Append('s').Append(OpenData.Data.Ids.NodeType(value));
                }
                else
                {
                    var raw = property.Value.GetRawText();
                    shape.Append(CultureInfo.InvariantCulture, $"{raw.Length}:{raw}");
                }
            }
            return values.Count == 0 ? null : ("~" + Texts(query, operationName, shape.ToString()), values);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON string that GraphQL's String and ID take (the API's text rule, as <c>CheckedStringGraphType</c> applies it),
    /// or null: any other value is part of the shape, and a request sending it is validated, and refused, as before.
    /// </summary>
    private static string? Checked(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.GetString() is { } text && Rest.TextInput.Problem(text) is null ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate escaped in the JSON: not text
        }
    }
}
