using GraphQL.Types;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A page of the change feed (REST: /v1/changes).</summary>
public sealed class ChangeFeedType : ObjectGraphType
{
    public ChangeFeedType()
    {
        Name = "ChangeFeed";
        Description = "A page of the change feed: what the imports added, changed and removed, oldest first. It pages as every connection does (edges, nodes, pageInfo, after), and nextCursor says where to resume later even when no page follows now.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<ChangeType>>>>>("edges").Description("The entries of this page, each with its cursor.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeType>>>>("nodes").Description("The entries of this page (shortcut for edges { node }).");
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows now and its cursor.");
        Field<NonNullGraphType<StringGraphType>>("nextCursor").Description("Where to resume: pass it as after for what follows, now or after the next import (the same cursor again when nothing followed).");
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when more entries follow now (pageInfo.hasNextPage).");
    }
}

/// <summary>What one import did to one resource.</summary>
public sealed class ChangeType() : DeclaredObjectType(OpenData.Data.Graph.GraphDeclarations.Change);

/// <summary>The kinds of resource the feed tracks.</summary>
public sealed class ChangeResourceEnum : EnumerationGraphType
{
    public ChangeResourceEnum()
    {
        Name = "ChangeResource";
        Description = "A kind of resource of the change feed.";
        Add("QUESTION", "question", "A question.");
        Add("ANSWER", "answer", "An answer (its id is its question's).");
        Add("SENATOR", "senator", "A senator.");
        Add("MINISTRY", "ministry", "A ministry.");
    }
}

/// <summary>What a change did.</summary>
public sealed class ChangeKindEnum : EnumerationGraphType
{
    public ChangeKindEnum()
    {
        Name = "ChangeKind";
        Description = "What a change did to its resource.";
        Add("ADDED", "added", "The resource appeared.");
        Add("CHANGED", "changed", "Some of its fields changed (listed in fields).");
        Add("REMOVED", "removed", "The resource is gone (a tombstone).");
    }
}
