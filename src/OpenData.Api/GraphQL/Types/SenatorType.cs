using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A senator, linked to their groups and their questions.</summary>
public sealed class SenatorType : DeclaredObjectType
{
    public SenatorType() : base(GraphDeclarations.Senator) => Interface<NodeInterface>();
}

/// <summary>A senator's membership of a political group.</summary>
public sealed class GroupMembershipType() : DeclaredObjectType(GraphDeclarations.GroupMembership);
