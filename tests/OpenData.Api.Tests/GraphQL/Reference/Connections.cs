using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A page of a list as a Relay connection: edges, nodes, page info and the exact total.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, long TotalCount, PageInfo PageInfo);

/// <summary>One row of a connection with the cursor that starts the page after it.</summary>
public sealed record Edge<T>(string? Cursor, T Node);

/// <summary>Whether another page follows, and the cursor to get it.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);

/// <summary>The Relay page info.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Paging state of a connection (forward paging only: pass endCursor as after).";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when another page follows.").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("Opaque cursor of the last edge: pass it as `after` for the next page; null when no page follows.")
            .Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>A connection type for one node type.</summary>
public abstract class ConnectionType<TNodeType, T> : ObjectGraphType<Connection<T>> where TNodeType : IGraphType
{
    protected ConnectionType(string nodeName, string what)
    {
        Name = $"{nodeName}Connection";
        Description = $"A page of {what}, with the exact number matching the filter.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, T>>>>>("edges").Description("The rows of this page, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description("The rows of this page (shortcut for edges { node }).")
            .Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows and its cursor.").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description($"The number of {what} matching the filter, all pages together.")
            .Resolve(c => checked((int)c.Source.TotalCount));
    }
}

/// <summary>An edge type for one node type.</summary>
public sealed class EdgeType<TNodeType, T> : ObjectGraphType<Edge<T>> where TNodeType : IGraphType
{
    public EdgeType()
    {
        var nodeName = typeof(TNodeType).Name.Replace("Type", "", StringComparison.Ordinal);
        Name = $"{nodeName}Edge";
        Description = $"A {nodeName} of a page, with its cursor.";
        Field<StringGraphType>("cursor").Description("Opaque cursor: pass it as `after` to get the rows that follow this one.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {nodeName}.").Resolve(c => c.Source.Node);
    }
}
