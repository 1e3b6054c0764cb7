using GraphQL.Types;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The Relay page info.</summary>
public sealed class PageInfoType : ObjectGraphType
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Paging state of a connection (forward paging only: pass endCursor as after).";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when another page follows.");
        Field<StringGraphType>("endCursor").Description("Opaque cursor of the last edge: pass it as `after` for the next page; null when no page follows.");
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("True when the page starts after a cursor (rows precede it); paging is forward only.");
        Field<StringGraphType>("startCursor").Description("Opaque cursor of the first edge; null for a page without edges.");
    }
}

/// <summary>A connection type for one node type: a page of a list as a Relay connection, with the exact total.</summary>
public abstract class ConnectionType<TNodeType> : ObjectGraphType where TNodeType : IGraphType
{
    protected ConnectionType(string nodeName, string what)
    {
        Name = $"{nodeName}Connection";
        Description = $"A page of {what}, with the exact number matching the filter.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType>>>>>("edges").Description("The rows of this page, each with its cursor.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description("The rows of this page (shortcut for edges { node }).");
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows and its cursor.");
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description($"The number of {what} matching the filter, all pages together.");
    }
}

/// <summary>An edge type for one node type: a row of a page, with its cursor.</summary>
public sealed class EdgeType<TNodeType> : ObjectGraphType where TNodeType : IGraphType
{
    public EdgeType()
    {
        var nodeName = typeof(TNodeType).Name.Replace("Type", "", StringComparison.Ordinal);
        Name = $"{nodeName}Edge";
        Description = $"A {nodeName} of a page, with its cursor.";
        Field<StringGraphType>("cursor").Description("Opaque cursor: pass it as `after` to get the rows that follow this one.");
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {nodeName}.");
    }
}
