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

    public static QueryShape Of(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var shape = new QueryShape(document);
        (shape.Fields, shape.Depth) = shape.Measure(operation.SelectionSet);
        return shape;
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
            fields = Saturating(fields, f);
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

    internal static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
