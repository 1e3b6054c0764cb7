using GraphQL.Builders;
using GraphQL.Types;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>The Relay arguments every list takes.</summary>
public static class Paging
{
    public const int DefaultFirst = OpenData.Data.Graph.GraphPaging.DefaultFirst;
    public const int MaxFirst = OpenData.Data.Graph.GraphPaging.MaxFirst;

    /// <summary>Adds <c>first</c> and <c>after</c> to a connection field.</summary>
    public static FieldBuilder<TSource, object> WithPaging<TSource>(this FieldBuilder<TSource, object> field) => field
        .Argument<IntGraphType>("first", $"How many rows, 0 to {MaxFirst} (default {DefaultFirst}).", a => a.DefaultValue = DefaultFirst)
        .Argument<Types.CheckedStringGraphType>("after", "Opaque cursor: the rows after it (pageInfo.endCursor or an edge's cursor of the same list and order).");
}
