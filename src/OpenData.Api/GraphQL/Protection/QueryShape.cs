using GraphQLParser.AST;

namespace OpenData.Api.GraphQL.Protection;

/// <summary>
/// What a document asks for once its fragments are expanded, computed without expanding them: each selection set
/// and each fragment is measured once (memoised), so the time is linear in the document whatever it spreads. A
/// chain of fragments each spreading the next twice is measured in microseconds and rejected for its size.
/// </summary>
public sealed class QueryShape
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> fragments;
    private readonly Dictionary<GraphQLSelectionSet, (long Fields, int Depth)> measured = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> inProgress = new(StringComparer.Ordinal);

    private QueryShape(GraphQLDocument document)
    {
        fragments = new(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
    }

    /// <summary>Field selections once every fragment is expanded (scalars included).</summary>
    public long Fields { get; private set; }

    /// <summary>Deepest nesting of fields, leaves included (<c>{ a { b } }</c> is 2).</summary>
    public int Depth { get; private set; }

    /// <summary>A fragment that spreads itself, directly or not (the document is invalid).</summary>
    public string? Cycle { get; private set; }

    public IReadOnlyDictionary<string, GraphQLFragmentDefinition> Fragments => fragments;

    /// <summary>
    /// The most fields sharing one response key in one selection set once its fragments are merged (what validation
    /// compares pair by pair, so what makes it quadratic); measured only for a document within <c>maxFields</c>.
    /// </summary>
    public int MostSameKey { get; private set; }

    /// <summary>Fields given an alias other than their name, fragments expanded; measured only for a document within <c>maxFields</c>.</summary>
    public int Aliases { get; private set; }

    /// <summary>The shape of an operation; its merged selections are walked only when it has at most <paramref name="maxFields"/> fields once expanded.</summary>
    public static QueryShape Of(GraphQLDocument document, GraphQLOperationDefinition operation, long maxFields)
    {
        var shape = new QueryShape(document);
        (shape.Fields, shape.Depth) = shape.Measure(operation.SelectionSet);
        if (shape.Cycle is null && shape.Fields <= maxFields) shape.Merge([operation.SelectionSet]);
        return shape;
    }

    /// <summary>
    /// Merges selection sets as GraphQL's CollectFields does (type conditions ignored: a bound, not a plan), counting the
    /// fields of each response key, then merges each key's sub-selections: every expanded field is visited once.
    /// </summary>
    private void Merge(IEnumerable<GraphQLSelectionSet> sets)
    {
        var byKey = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
        var spreading = new HashSet<string>(StringComparer.Ordinal);

        void Add(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var key = (field.Alias?.Name ?? field.Name).StringValue;
                        if (field.Alias is not null && key != field.Name.StringValue) Aliases++;
                        if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                        list.Add(field);
                        break;
                    case GraphQLInlineFragment inline:
                        Add(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && spreading.Add(fragment.FragmentName.Name.StringValue):
                        Add(fragment.SelectionSet);
                        spreading.Remove(fragment.FragmentName.Name.StringValue);
                        break;
                }
            }
        }

        foreach (var set in sets) Add(set);
        foreach (var fields in byKey.Values)
        {
            MostSameKey = Math.Max(MostSameKey, fields.Count);
            var children = fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>().ToList();
            if (children.Count > 0) Merge(children);
        }
    }

    private (long Fields, int Depth) Measure(GraphQLSelectionSet? set)
    {
        if (set is null) return (0, 0);
        if (measured.TryGetValue(set, out var known)) return known;
        long fields = 0;
        var depth = 0;
        foreach (var selection in set.Selections)
        {
            var (f, d) = selection switch
            {
                GraphQLField field => Measure(field.SelectionSet) is var inner ? (inner.Fields + 1, inner.Depth + 1) : default,
                GraphQLInlineFragment inline => Measure(inline.SelectionSet),
                GraphQLFragmentSpread spread => Spread(spread.FragmentName.Name.StringValue),
                _ => (0L, 0),
            };
            fields = Data.Reading.Saturating.Add(fields, f);
            depth = Math.Max(depth, d);
        }
        measured[set] = (fields, depth);
        return (fields, depth);
    }

    private (long, int) Spread(string name)
    {
        if (!fragments.TryGetValue(name, out var fragment)) return (0, 0); // validation reports it
        if (!inProgress.Add(name))
        {
            Cycle ??= name;
            return (0, 0);
        }
        var result = Measure(fragment.SelectionSet);
        inProgress.Remove(name);
        return result;
    }
}
