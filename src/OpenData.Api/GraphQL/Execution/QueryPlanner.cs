using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using OpenData.Data.Answers;
using OpenData.Data.Changes;
using OpenData.Data.Graph;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Execution;

/// <summary>A root field of an operation: read by SQL (<see cref="Read"/>), or introspection (GraphQL.NET answers it).</summary>
public sealed record PlannedRoot(string Key, FieldRead? Read, bool Introspection, IReadOnlyList<GraphQLField> Nodes);

/// <summary>An error of a field found before anything runs (its arguments), and the path of the field.</summary>
public sealed class FieldError(IReadOnlyList<object> path, string code, string message) : Exception(message)
{
    public IReadOnlyList<object> Path { get; } = path;
    public string Code { get; } = code;
}

/// <summary>
/// Turns a validated operation into what the SQL compiler reads: the fields of each root field, fragments and inline
/// fragments merged by response key as GraphQL's CollectFields does, @skip and @include applied, arguments read into
/// the query layer's typed records (GraphQL.NET coerced them while validating). The rules of the lists (relevance
/// needs a query, lineage a ministry, a cursor of the list's order) are checked here: a field that breaks one is an
/// error, and the nearest nullable field above it (or itself) is null, as GraphQL's null propagation has it.
/// </summary>
public sealed class QueryPlanner(ISchema schema, GraphQLDocument document, IValidationResult validation, IReadOnlySet<string> keyVariables)
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
        .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public List<FieldError> Errors { get; } = [];

    /// <summary>Fields whose <c>first</c> is outside 0..<see cref="Inputs.Paging.MaxFirst"/>: the query is refused.</summary>
    public List<GraphQLField> FirstOutOfRange { get; } = [];

    /// <summary>The root fields, in order; null when a non-null root field's error nulls the whole data.</summary>
    public IReadOnlyList<PlannedRoot>? Plan(GraphQLOperationDefinition operation)
    {
        var query = (IObjectGraphType)schema.Query;
        var roots = new List<PlannedRoot>();
        foreach (var (key, nodes) in Collect([operation.SelectionSet], query))
        {
            var name = nodes[0].Name.StringValue;
            if (name is "__schema" or "__type")
            {
                roots.Add(new PlannedRoot(key, null, true, nodes));
                continue;
            }
            try
            {
                roots.Add(new PlannedRoot(key, Field(key, nodes, query, []), false, nodes));
            }
            catch (FieldError e)
            {
                Errors.Add(e);
                return null; // a non-null root field: data is null
            }
        }
        return roots;
    }

    /// <summary>A field, or null with its error recorded when it is nullable; a non-null field's error goes to its parent.</summary>
    private FieldRead Field(string key, List<GraphQLField> nodes, IComplexGraphType parent, IReadOnlyList<object> parentPath)
    {
        var name = nodes[0].Name.StringValue;
        if (name == FieldRead.TypeName) return new FieldRead(key, FieldRead.TypeName, parent.Name, []);
        var definition = parent.GetField(name) ?? throw new InvalidOperationException($"{parent.Name} has no field {name}: validation let it through");
        var path = parentPath.Append(key).ToList();
        try
        {
            var values = validation.ArgumentValues?.GetValueOrDefault(nodes[0]);
            if (values is not null && values.TryGetValue("first", out var first) && first.Value is int n && n is < 0 or > Inputs.Paging.MaxFirst)
                FirstOutOfRange.Add(nodes[0]);
            var kind = GraphDeclarations.Of(parent.Name)?.Find(name)?.Arguments ?? GraphArguments.None;
            if (kind == GraphArguments.Node) return NodeField(key, IdValue(values?["id"].Value), nodes, path, KeyVariable(nodes[0], "id"));
            if (kind == GraphArguments.Nodes)
            {
                var ids = values?["ids"].Value is IEnumerable<object?> list ? list.Select(IdValue).ToList() : [];
                if (ids.Count > Inputs.Paging.MaxFirst)
                    throw new FieldError(path, "BAD_USER_INPUT", $"nodes takes at most {Inputs.Paging.MaxFirst} ids");
                return new FieldRead(key, name, null, ids.Select((id, i) => NodeField(key, id, nodes, [.. path, i])).ToList());
            }
            var arguments = Arguments(kind, parent.Name, values, path, parent.Name == "Query" ? KeyVariable(nodes[0], "id") : null);
            if (arguments is IListArguments connection && parent.Name == "Query") arguments = connection.WithAfterVariable(KeyVariable(nodes[0], "after"));
            var named = definition.ResolvedType!.GetNamedType();
            var selection = named is IComplexGraphType complex
                ? Collect(nodes.Select(n => n.SelectionSet).OfType<GraphQLSelectionSet>(), complex)
                    .Select(child => Field(child.Key, child.Value, complex, path)).ToList()
                : [];
            return new FieldRead(key, name, arguments, selection);
        }
        catch (FieldError e) when (definition.ResolvedType is not NonNullGraphType)
        {
            Errors.Add(e);
            return FieldRead.NullValue(key, name);
        }
    }

    /// <summary>The key variable (<see cref="KeyVariables"/>) given as a root field's <paramref name="argument"/>, if one is.</summary>
    private string? KeyVariable(GraphQLField field, string argument) =>
        KeyVariables.Variable(field, argument) is { } name && keyVariables.Contains(name) ? name : null;

    /// <summary>The object of a global id, read as its type's lookup by id; null (a null field) for an id of no type.</summary>
    private FieldRead NodeField(string key, string id, List<GraphQLField> nodes, IReadOnlyList<object> path, string? variable = null)
    {
        if (OpenData.Data.Ids.NodeType(id) is not { } type || schema.AllTypes[type] is not IComplexGraphType complex) return FieldRead.NullValue(key, "node");
        var selection = Collect(nodes.Select(n => n.SelectionSet).OfType<GraphQLSelectionSet>(), complex)
            .Select(child => Field(child.Key, child.Value, complex, path)).ToList();
        return new FieldRead(key, "node", new NodeArgument(type, OpenData.Data.Ids.Canonical(id)) { Variable = variable }, selection);
    }

    /// <summary>An ID argument's value as text (GraphQL's ID takes a string or an integer).</summary>
    private static string IdValue(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The arguments of a field as the query layer's record, read by their declared kind, its lists' rules checked; a
    /// lookup's id as the client gave it, with the variable that gave it when that variable gives nothing else
    /// (<see cref="KeyVariables"/>).
    /// </summary>
    private static object? Arguments(GraphArguments kind, string type, IDictionary<string, ArgumentValue>? values, IReadOnlyList<object> path, string? idVariable)
    {
        T Get<T>(string name, T fallback) => values is not null && values.TryGetValue(name, out var v) && v.Value is T t ? t : fallback;
        var first = Math.Clamp(Get("first", Inputs.Paging.DefaultFirst), 0, Inputs.Paging.MaxFirst); // outside: refused (FirstOutOfRange)
        var after = Get<string?>("after", null);
        switch (kind)
        {
            case GraphArguments.Id:
                return new IdArgument(IdValue(values?["id"].Value), idVariable);
            case GraphArguments.Questions:
                var filter = Get("filter", new QuestionFilter());
                var sort = Get("orderBy", QuestionSort.PublishedDesc);
                foreach (var rule in filter.Broken(sort, ministryFixed: type == "Ministry"))
                    throw new FieldError(path, "BAD_USER_INPUT", rule == QuestionRule.RelevanceNeedsQuery
                        ? "orderBy RELEVANCE needs a full-text query filter.q"
                        : $"filter.{rule.Explain(filter).Field}: {rule.Explain(filter).Problem}");
                if (after is not null && !QuestionQueries.IsCursor(sort, after)) throw InvalidCursor(path);
                return new ListArguments<QuestionFilter, QuestionSort>(filter, sort, first, after);
            case GraphArguments.Answers:
                var answerSort = Get("orderBy", AnswerSort.PublishedDesc);
                if (after is not null && !AnswerQueries.IsCursor(answerSort, after)) throw InvalidCursor(path);
                return new ListArguments<AnswerFilter, AnswerSort>(Get("filter", new AnswerFilter()), answerSort, first, after);
            case GraphArguments.Senators:
                if (after is not null && !SenatorQueries.ByName.Accepts(after)) throw InvalidCursor(path);
                return new ListArguments<SenatorFilter, NoSort>(Get("filter", new SenatorFilter()), NoSort.Default, first, after);
            case GraphArguments.Ministries:
                if (after is not null && !MinistryQueries.Latest.Accepts(after)) throw InvalidCursor(path);
                return new ListArguments<MinistryFilter, NoSort>(Get("filter", new MinistryFilter()), NoSort.Default, first, after);
            case GraphArguments.MinistryStats:
                return Get("filter", new StatsFilter());
            case GraphArguments.Changes:
                var since = Get<string?>("since", null);
                if (since is not null && after is not null)
                    throw new FieldError(path, "BAD_USER_INPUT", "give after or since (its former name), not both");
                since ??= after;
                if (since is not null && !ChangeQueries.BySeq.Accepts(since))
                    throw new FieldError(path, "INVALID_CURSOR", "after is not a cursor of the change feed: take it from nextCursor, pageInfo.endCursor or an edge's cursor");
                var types = values is not null && values.TryGetValue("types", out var t) && t.Value is IEnumerable<object> list ? list.Select(v => v.ToString()!).Distinct().ToList() : [];
                return new ChangesArguments(since, types, first);
            case GraphArguments.Page: // a question's similar questions, the one page of its kind
                if (after is not null && !OpenData.Data.Twins.TwinQueries.IsSimilarCursor(after)) throw InvalidCursor(path);
                return new PageArguments(first, after);
            case GraphArguments.Twins:
                var twins = Get("filter", new OpenData.Data.Twins.TwinFilter());
                foreach (var (broken, problem) in twins.Broken()) throw new FieldError(path, "BAD_USER_INPUT", $"filter.{broken}: {problem}");
                if (after is not null && !OpenData.Data.Twins.TwinQueries.IsGroupCursor(after)) throw InvalidCursor(path);
                return new ListArguments<OpenData.Data.Twins.TwinFilter, NoSort>(twins, NoSort.Default, first, after);
            case GraphArguments.Timeline:
                return new TimelineArguments(Get("filter", new QuestionFilter()), Get("interval", StatsInterval.Month));
            default:
                return null;
        }
    }

    private static FieldError InvalidCursor(IReadOnlyList<object> path) =>
        new(path, "INVALID_CURSOR", "after is not a cursor of this list and order: take it from pageInfo.endCursor or an edge's cursor");

    /// <summary>GraphQL's CollectFields: the fields of selection sets by response key, in order, each fragment once.</summary>
    private List<KeyValuePair<string, List<GraphQLField>>> Collect(IEnumerable<GraphQLSelectionSet> sets, IComplexGraphType type)
    {
        var fields = new List<KeyValuePair<string, List<GraphQLField>>>();
        var byKey = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Add(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                if (Skipped(selection)) continue;
                switch (selection)
                {
                    case GraphQLField field:
                        var key = (field.Alias?.Name ?? field.Name).StringValue;
                        if (!byKey.TryGetValue(key, out var list))
                        {
                            byKey[key] = list = [];
                            fields.Add(new(key, list));
                        }
                        list.Add(field);
                        break;
                    case GraphQLInlineFragment inline when Applies(inline.TypeCondition, type):
                        Add(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue)
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && Applies(fragment.TypeCondition, type):
                        Add(fragment.SelectionSet);
                        break;
                }
            }
        }

        foreach (var set in sets) Add(set);
        return fields;
    }

    private static bool Applies(GraphQLTypeCondition? condition, IComplexGraphType type) =>
        condition is null || condition.Type.Name.StringValue == type.Name
        || type is IObjectGraphType { ResolvedInterfaces: var interfaces } && interfaces.Any(i => i.Name == condition.Type.Name.StringValue);

    private bool Skipped(ASTNode selection)
    {
        if (validation.DirectiveValues?.GetValueOrDefault(selection) is not { } directives) return false;
        return directives.TryGetValue("skip", out var skip) && skip.Arguments["if"].Value is true
            || directives.TryGetValue("include", out var include) && include.Arguments["if"].Value is false;
    }
}
